import { credentials } from '@grpc/grpc-js';
import { Entry, Logging, LoggingOptions } from '@google-cloud/logging';
import * as k8s from '@kubernetes/client-node';
import { PassThroughClient } from 'google-auth-library';
import {
  cosAuditdNamespace,
  fluentBitConfigMap,
  loggingDaemonSet,
} from './cluster/__testUtils__';
import {
  RunningCluster,
  RunningSimulator,
  startGkeSimulator,
} from './startGkeSimulator';

process.env.METADATA_SERVER_DETECTION = 'none';

const SINCE = 'timestamp>="2000-01-01T00:00:00Z"';
const FIELD_MANAGER = 'gke-sim-test';

function kubeClient(cluster: RunningCluster) {
  const kubeConfig = new k8s.KubeConfig();
  kubeConfig.loadFromOptions({
    clusters: [
      { name: cluster.name, server: cluster.apiServer, skipTLSVerify: true },
    ],
    users: [{ name: 'admin', token: cluster.adminToken }],
    contexts: [{ name: 'sim', cluster: cluster.name, user: 'admin' }],
    currentContext: 'sim',
  });
  return {
    objects: k8s.KubernetesObjectApi.makeApiClient(kubeConfig),
    core: kubeConfig.makeApiClient(k8s.CoreV1Api),
  };
}

function loggingClient(
  simulator: RunningSimulator,
  projectId: string,
): Logging {
  // LoggingOptions lacks the gax transport options it passes through.
  const options: LoggingOptions & { sslCreds: unknown } = {
    apiEndpoint: '127.0.0.1',
    port: simulator.logging.port,
    sslCreds: credentials.createInsecure(),
    authClient: new PassThroughClient(),
    projectId,
  };
  return new Logging(options);
}

async function applyAuditLogging(cluster: RunningCluster, config?: string) {
  const { objects } = kubeClient(cluster);
  for (const object of [
    cosAuditdNamespace(),
    fluentBitConfigMap(config),
    loggingDaemonSet() as k8s.KubernetesObject,
  ]) {
    await objects.patch(
      object,
      undefined,
      undefined,
      FIELD_MANAGER,
      true,
      k8s.PatchStrategy.ServerSideApply,
    );
  }
}

async function waitFor<T>(
  probe: () => Promise<T | undefined>,
  what: string,
): Promise<T> {
  for (let attempt = 0; attempt < 800; attempt++) {
    const value = await probe();
    if (value !== undefined) {
      return value;
    }
    await new Promise(r => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}

async function admin(simulator: RunningSimulator, path: string, body: unknown) {
  const response = await fetch(`${simulator.admin!.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

function auditTypes(entries: Entry[]): Set<string> {
  return new Set(
    entries.map(e => (e.data as Record<string, string>)._AUDIT_TYPE_NAME),
  );
}

describe('startGkeSimulator', () => {
  let simulator: RunningSimulator;

  beforeEach(async () => {
    simulator = await startGkeSimulator({ adminPort: 0 });
  });

  afterEach(async () => {
    await simulator.stop();
  });

  it('describes every demo cluster with its API address and tokens', () => {
    const description = simulator.describe();

    expect(description.clusters.map(c => c.name)).toEqual([
      'demo-gke-prod',
      'demo-gke-dev',
      'demo-autopilot',
    ]);
    for (const cluster of description.clusters) {
      expect(cluster.apiServer).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(cluster.adminToken).not.toEqual(cluster.readOnlyToken);
    }
    expect(description.logging.endpoint).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(description.admin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('ships audit records of COS nodes whose agent is Ready, readable through Cloud Logging', async () => {
    const prod = simulator.cluster('demo-gke-prod');
    await applyAuditLogging(prod);
    const readyNodes = await waitFor(async () => {
      const nodes = prod.cluster.agentReadyNodes();
      return nodes.length === 5 ? nodes : undefined;
    }, 'the agent on the five COS nodes');

    const { body } = await admin(simulator, '/audit/tick', {});
    const [entries] = await loggingClient(simulator, prod.project).getEntries({
      autoPaginate: false,
      pageSize: 1000,
      filter: `${SINCE} AND log_id("linux-auditd") AND resource.type="k8s_node" AND resource.labels.cluster_name="demo-gke-prod"`,
      gaxOptions: { timeout: 5000, retry: null },
    } as any);

    expect(body.written).toBeGreaterThan(0);
    expect(entries).toHaveLength(body.written);
    const nodeNames = new Set(
      entries.map(e => (e.metadata.resource?.labels as any).node_name),
    );
    expect([...nodeNames].every(n => readyNodes.some(r => r.name === n))).toBe(
      true,
    );
    expect([...nodeNames].some(n => n.includes('ubuntu-pool'))).toBe(false);
  });

  it('applies the live ConfigMap filters to what it ships', async () => {
    const dev = simulator.cluster('demo-gke-dev');
    await applyAuditLogging(
      dev,
      '[INPUT]\n    Name systemd\n    Tag audit\n\n[FILTER]\n    Name grep\n    Match audit\n    Exclude _AUDIT_TYPE_NAME ^(SYSCALL|EXECVE|CWD|PATH|PROCTITLE)$\n',
    );
    await waitFor(
      async () =>
        dev.cluster.agentReadyNodes().length === 2 ? true : undefined,
      'the agent on both dev nodes',
    );

    for (let round = 0; round < 5; round++) {
      simulator.audit.tick();
    }
    const [entries] = await loggingClient(simulator, dev.project).getEntries({
      autoPaginate: false,
      pageSize: 1000,
      filter: `${SINCE} AND resource.labels.cluster_name="demo-gke-dev"`,
      gaxOptions: { timeout: 5000, retry: null },
    } as any);

    expect(entries.length).toBeGreaterThan(0);
    expect(auditTypes(entries).has('SYSCALL')).toBe(false);
    expect(auditTypes(entries).has('EXECVE')).toBe(false);
  });

  it('switches a cluster to refusing connections and back through the admin endpoint', async () => {
    const dev = simulator.cluster('demo-gke-dev');
    const { core } = kubeClient(dev);

    const refused = await admin(simulator, '/clusters/demo-gke-dev/faults', {
      refuseConnections: true,
    });
    await expect(core.listNode()).rejects.toThrow(/ECONNREFUSED/);
    await admin(simulator, '/clusters/demo-gke-dev/faults', {
      refuseConnections: false,
    });
    const nodes = await core.listNode();

    expect(refused.body.refuseConnections).toBe(true);
    expect(nodes.items).toHaveLength(2);
  });

  it('answers 400 for a fault it does not know, changing nothing', async () => {
    const response = await admin(simulator, '/clusters/demo-gke-dev/faults', {
      explode: true,
    });

    expect(response.status).toBe(400);
    expect(response.body.error).toMatch(/unknown fault "explode"/);
    expect(
      simulator.cluster('demo-gke-dev').cluster.faults().refuseConnections,
    ).toBe(false);
  });

  it('answers 404 for an unknown cluster', async () => {
    const response = await admin(simulator, '/clusters/nope/faults', {
      hang: true,
    });

    expect(response.status).toBe(404);
  });

  it('resizes a node pool through the admin endpoint', async () => {
    const dev = simulator.cluster('demo-gke-dev');

    const response = await admin(
      simulator,
      '/clusters/demo-gke-dev/pools/default-pool/resize',
      { nodes: 4 },
    );
    const nodes = await kubeClient(dev).core.listNode();

    expect(response.status).toBe(200);
    expect(nodes.items).toHaveLength(4);
  });

  it('moves the simulator clock through the admin endpoint', async () => {
    const response = await admin(simulator, '/clock', {
      set: '2026-01-01T00:00:00Z',
    });

    expect(response.body.now.startsWith('2026-01-01T00:00:0')).toBe(true);
    expect(simulator.clock.now().getUTCFullYear()).toBe(2026);
  });
});

describe('startGkeSimulator with start-up faults', () => {
  it('starts a cluster with the faults it is given', async () => {
    const simulator = await startGkeSimulator({
      clusters: [
        {
          name: 'broken',
          project: 'p',
          location: 'europe-west1-b',
          pools: [{ name: 'default-pool', nodes: 1, os: 'cos' }],
          faults: { errorRate500: 1 },
        },
      ],
    });
    try {
      const { core } = kubeClient(simulator.cluster('broken'));

      await expect(core.listNode()).rejects.toMatchObject({ code: 500 });
    } finally {
      await simulator.stop();
    }
  });
});
