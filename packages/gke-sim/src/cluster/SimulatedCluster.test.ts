import { Clock } from '../clock';
import { FAST_ROLLOUT } from '../config/types';
import { CONFIGMAPS, NAMESPACES, NODES } from '../kube';
import { SimulatedCluster } from './SimulatedCluster';
import { clusterSpec, pool } from './__testUtils__';

function createCluster(spec = clusterSpec()) {
  return SimulatedCluster.create({
    spec,
    timing: FAST_ROLLOUT,
    clock: new Clock(),
  });
}

function nodesOf(cluster: SimulatedCluster) {
  return cluster.store.list(NODES);
}

describe('SimulatedCluster', () => {
  it('names nodes like GKE: gke-<cluster>-<pool>-<8 hex>-<4 chars>', () => {
    const names = createCluster().nodeNames('default-pool');

    expect(names).toHaveLength(3);
    for (const name of names) {
      expect(name).toMatch(
        /^gke-test-cluster-default-pool-[0-9a-f]{8}-[a-z0-9]{4}$/,
      );
    }
  });

  it('names Autopilot nodes gk3-', () => {
    const cluster = createCluster(clusterSpec({ autopilot: true }));

    expect(cluster.nodeNames()[0]).toMatch(/^gk3-test-cluster-/);
  });

  it('labels COS nodes with pool, OS distribution, arch, zone and instance type', () => {
    const node = nodesOf(createCluster()).find(n =>
      n.metadata.name!.includes('default-pool'),
    )!;

    expect(node.metadata.labels).toMatchObject({
      'cloud.google.com/gke-nodepool': 'default-pool',
      'cloud.google.com/gke-os-distribution': 'cos',
      'kubernetes.io/arch': 'amd64',
      'kubernetes.io/os': 'linux',
      'kubernetes.io/hostname': node.metadata.name,
      'topology.kubernetes.io/zone': 'europe-west1-b',
      'node.kubernetes.io/instance-type': 'e2-standard-4',
    });
    expect(node.spec).toMatchObject({
      providerID: `gce://test-project/europe-west1-b/${node.metadata.name}`,
    });
    expect(node.status).toMatchObject({
      nodeInfo: {
        osImage: 'Container-Optimized OS from Google',
        architecture: 'amd64',
      },
      conditions: [expect.objectContaining({ type: 'Ready', status: 'True' })],
    });
    expect(
      node.metadata.annotations?.['container.googleapis.com/instance_id'],
    ).toMatch(/^\d{19}$/);
  });

  it('gives Windows nodes the windows OS label and image', () => {
    const cluster = createCluster(
      clusterSpec({ pools: [pool('win', 1, { os: 'windows' })] }),
    );
    const [node] = nodesOf(cluster);

    expect(node.metadata.labels).toMatchObject({
      'kubernetes.io/os': 'windows',
      'cloud.google.com/gke-os-distribution': 'windows_ltsc',
    });
    expect(node.status).toMatchObject({
      nodeInfo: { osImage: 'Windows Server 2022 Datacenter' },
    });
  });

  it('puts the pool taints on its nodes', () => {
    const taint = {
      key: 'dedicated',
      value: 'audit',
      effect: 'NoSchedule' as const,
    };
    const cluster = createCluster(
      clusterSpec({ pools: [pool('tainted', 1, { taints: [taint] })] }),
    );

    expect(nodesOf(cluster)[0].spec).toMatchObject({ taints: [taint] });
  });

  it('spreads nodes over the pool zones', () => {
    const zones = ['europe-west1-b', 'europe-west1-c', 'europe-west1-d'];
    const cluster = createCluster(
      clusterSpec({ pools: [pool('spread', 6, { zones })] }),
    );

    const seen = nodesOf(cluster).map(
      n => n.metadata.labels!['topology.kubernetes.io/zone'],
    );
    expect(new Set(seen)).toEqual(new Set(zones));
  });

  it('generates 10,000 nodes with unique names', () => {
    const cluster = createCluster(
      clusterSpec({ pools: [pool('big', 10_000)] }),
    );

    expect(new Set(cluster.nodeNames()).size).toBe(10_000);
  });

  it('grows and shrinks a pool', () => {
    const cluster = createCluster();

    expect(cluster.resizePool('default-pool', 5)).toBe(true);
    expect(cluster.nodeNames('default-pool')).toHaveLength(5);
    expect(cluster.resizePool('default-pool', 1)).toBe(true);
    expect(cluster.nodeNames('default-pool')).toHaveLength(1);
    expect(cluster.resizePool('no-such-pool', 1)).toBe(false);
  });

  it('starts with the system namespaces', () => {
    const names = createCluster()
      .store.list(NAMESPACES)
      .map(n => n.metadata.name);

    expect(names).toEqual([
      'default',
      'kube-node-lease',
      'kube-public',
      'kube-system',
    ]);
  });

  it('reports the fluent-bit agent configuration before the legacy one', () => {
    const cluster = createCluster();
    const configMap = (name: string, key: string) => ({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name, namespace: 'cos-auditd' },
      data: { [key]: `${name} text` },
    });
    expect(cluster.agentConfig()).toBeUndefined();

    cluster.store.create(
      CONFIGMAPS,
      configMap('fluentd-gcp-config-cos-auditd', 'google-fluentd.conf'),
    );
    expect(cluster.agentConfig()).toEqual({
      agent: 'fluentd-legacy',
      text: 'fluentd-gcp-config-cos-auditd text',
    });

    cluster.store.create(
      CONFIGMAPS,
      configMap('cos-auditd-fluent-bit-config', 'fluent-bit.conf'),
    );
    expect(cluster.agentConfig()).toEqual({
      agent: 'fluent-bit',
      text: 'cos-auditd-fluent-bit-config text',
    });
  });

  it('merges fault settings and clears a pool fault with undefined', () => {
    const cluster = createCluster();
    const seen: unknown[] = [];
    cluster.onFaultsChange(faults => seen.push(faults.pools));

    cluster.setFaults({
      pools: { 'default-pool': 'CrashLoopBackOff' },
      apiLatencyMs: 5,
    });
    cluster.setFaults({ pools: { 'default-pool': undefined } });

    expect(cluster.faults()).toMatchObject({ apiLatencyMs: 5, pools: {} });
    expect(seen).toEqual([{ 'default-pool': 'CrashLoopBackOff' }, {}]);
  });
});
