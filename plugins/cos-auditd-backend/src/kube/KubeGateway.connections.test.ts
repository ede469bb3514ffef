import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { Socket } from 'node:net';
import {
  RunningCluster,
  RunningSimulator,
  startGkeSimulator,
} from '@cos-auditd/gke-sim';
import { ClusterConnection } from './ClusterConnection';
import { ClusterUnreachableError } from './errors';
import { testGateway } from './__testUtils__/simulatedClusters';

jest.setTimeout(20_000);

describe('KubeGateway over HTTPS', () => {
  let sim: RunningSimulator;
  let dev: RunningCluster;

  beforeAll(async () => {
    sim = await startGkeSimulator({
      tls: true,
      clusters: [
        {
          name: 'tls-cluster',
          project: 'demo-project',
          location: 'europe-west1-b',
          pools: [{ name: 'default-pool', nodes: 2, os: 'cos' }],
        },
      ],
    });
    dev = sim.cluster('tls-cluster');
  });

  afterAll(async () => {
    await sim.stop();
  });

  function httpsConnection(
    overrides: Partial<ClusterConnection> = {},
  ): ClusterConnection {
    return {
      entityRef: 'resource:default/tls-cluster',
      url: dev.apiServer,
      caData: Buffer.from(dev.ca!).toString('base64'),
      auth: { provider: 'serviceAccount', token: dev.adminToken },
      ...overrides,
    };
  }

  /** The TCP connections opened to the cluster while `work` runs. */
  async function connectionsOpenedDuring(work: () => Promise<unknown>) {
    const port = Number(new URL(dev.apiServer).port);
    let opened = 0;
    const onSocket = (message: unknown) => {
      const { socket } = message as { socket: Socket };
      // The remote port is only known once connected.
      socket.once('connect', () => {
        if (socket.remotePort === port) {
          opened += 1;
        }
      });
    };
    subscribe('net.client.socket', onSocket);
    try {
      await work();
    } finally {
      unsubscribe('net.client.socket', onSocket);
    }
    return opened;
  }

  it('trusts the API server certificate through the CA from the catalog', async () => {
    const client = testGateway().gateway.forCluster(httpsConnection());

    await expect(client.listNodes()).resolves.toHaveLength(2);
  });

  it('refuses a server certificate it cannot verify', async () => {
    const client = testGateway().gateway.forCluster(
      httpsConnection({ caData: undefined }),
    );

    const error = await client.listNodes().catch(e => e);

    expect(error).toBeInstanceOf(ClusterUnreachableError);
    expect(error.message).toMatch(
      /^The cluster API server of resource:default\/tls-cluster could not be reached: its TLS certificate could not be verified \(\w+\)\.$/,
    );
  });

  it('accepts any certificate when told to skip verification', async () => {
    const client = testGateway().gateway.forCluster(
      httpsConnection({ caData: undefined, skipTLSVerify: true }),
    );

    await expect(client.listNodes()).resolves.toHaveLength(2);
  });

  it('reuses one connection for the requests of all clients of a cluster', async () => {
    const { gateway } = testGateway();

    const opened = await connectionsOpenedDuring(async () => {
      for (let i = 0; i < 3; i++) {
        const client = gateway.forCluster(httpsConnection());
        await client.listNodes();
        await client.getNamespace('default');
      }
    });

    expect(opened).toBe(1);
  });
});
