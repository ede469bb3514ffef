import { inspect } from 'node:util';
import { NotAllowedError, serializeError } from '@backstage/errors';
import {
  ClusterFaults,
  RunningCluster,
  RunningSimulator,
  startGkeSimulator,
} from '@cos-auditd/gke-sim';
import { ClusterAuth } from './ClusterConnection';
import { ClusterTimeoutError, ClusterUnreachableError } from './errors';
import {
  connectionTo,
  eventually,
  testGateway,
} from './__testUtils__/simulatedClusters';
import { KubeGatewayOptions } from './KubeGateway';

jest.setTimeout(30_000);

const NO_API_FAULTS: Partial<ClusterFaults> = {
  apiLatencyMs: 0,
  errorRate500: 0,
  errorRate429: 0,
  refuseConnections: false,
  hang: false,
};

describe('KubeGateway when clusters misbehave', () => {
  let sim: RunningSimulator;
  let prod: RunningCluster;
  let dev: RunningCluster;

  beforeAll(async () => {
    sim = await startGkeSimulator();
    prod = sim.cluster('demo-gke-prod');
    dev = sim.cluster('demo-gke-dev');
  });

  afterEach(async () => {
    for (const cluster of [prod, dev]) {
      cluster.cluster.setFaults(NO_API_FAULTS);
      // Listening again after refused connections settles asynchronously.
      const client = testGateway().gateway.forCluster(connectionTo(cluster));
      await eventually(
        () =>
          client.getNamespace('default').then(
            () => true,
            () => false,
          ),
        answered => answered,
      );
    }
  });

  afterAll(async () => {
    await sim.stop();
  });

  function clientOf(
    cluster: RunningCluster,
    options: Partial<KubeGatewayOptions> = {},
    auth?: ClusterAuth,
  ) {
    const { gateway, logger } = testGateway({
      retryBaseDelayMs: 5,
      ...options,
    });
    return { client: gateway.forCluster(connectionTo(cluster, auth)), logger };
  }

  async function timed<T>(promise: Promise<T>) {
    const start = Date.now();
    const outcome = await promise.catch(error => error);
    return { outcome, elapsedMs: Date.now() - start };
  }

  describe('timeouts', () => {
    it('gives up on a slow cluster with ClusterTimeoutError after the timeout', async () => {
      dev.cluster.setFaults({ apiLatencyMs: 5000 });
      const { client } = clientOf(dev, { timeoutMs: 300 });

      const { outcome, elapsedMs } = await timed(client.listNodes());

      expect(outcome).toBeInstanceOf(ClusterTimeoutError);
      expect(outcome.statusCode).toBe(504);
      expect(outcome.message).toBe(
        'The cluster API server of resource:default/demo-gke-dev did not answer within 300 ms.',
      );
      // The latency is 5 s: anything near the timeout shows it was cut short.
      expect(elapsedMs).toBeLessThan(1500);
    });

    it('gives up on a hanging cluster after the timeout, without retrying', async () => {
      dev.cluster.setFaults({ hang: true });
      const { client, logger } = clientOf(dev, {
        timeoutMs: 300,
        readRetries: 2,
      });

      const { outcome, elapsedMs } = await timed(
        client.getNamespace('default'),
      );

      expect(outcome).toBeInstanceOf(ClusterTimeoutError);
      expect(elapsedMs).toBeLessThan(1500);
      expect(logger.warn).not.toHaveBeenCalled();
    });

    it('times out writes too', async () => {
      dev.cluster.setFaults({ hang: true });
      const { client } = clientOf(dev, { timeoutMs: 300 });

      const outcome = await client
        .delete(
          {
            apiVersion: 'v1',
            kind: 'ConfigMap',
            namespace: 'default',
            name: 'x',
          },
          { dryRun: false },
        )
        .catch(error => error);

      expect(outcome).toBeInstanceOf(ClusterTimeoutError);
    });

    it('answers for a healthy cluster while another one hangs', async () => {
      prod.cluster.setFaults({ hang: true });
      const { gateway } = testGateway({ timeoutMs: 1000 });
      const hangingClient = gateway.forCluster(connectionTo(prod));
      const healthyClient = gateway.forCluster(connectionTo(dev));
      const finished: string[] = [];

      const hanging = hangingClient.listNodes().then(
        () => finished.push('hanging'),
        error => {
          finished.push('hanging');
          return error;
        },
      );
      const healthy = (async () => {
        await healthyClient.listNodes();
        await healthyClient.getNamespace('default');
        await healthyClient.getDaemonSet('kube-system', 'absent');
        finished.push('healthy');
      })();
      const [hangingOutcome] = await Promise.all([hanging, healthy]);

      expect(finished).toEqual(['healthy', 'hanging']);
      expect(hangingOutcome).toBeInstanceOf(ClusterTimeoutError);
    });
  });

  describe('unreachable clusters', () => {
    it('fails fast with ClusterUnreachableError when the connection is refused', async () => {
      dev.cluster.setFaults({ refuseConnections: true });
      const { client } = clientOf(dev, { timeoutMs: 5000 });

      const { outcome, elapsedMs } = await timed(client.listNodes());

      expect(outcome).toBeInstanceOf(ClusterUnreachableError);
      expect(outcome.statusCode).toBe(502);
      expect(outcome.message).toBe(
        'The cluster API server of resource:default/demo-gke-dev could not be reached: the connection was refused (ECONNREFUSED).',
      );
      expect(elapsedMs).toBeLessThan(2500);
    });
  });

  describe('retries', () => {
    it('retries a read that failed with 500 and answers once the cluster recovers', async () => {
      dev.cluster.setFaults({ errorRate500: 1 });
      const { client, logger } = clientOf(dev, { readRetries: 2 });
      logger.warn.mockImplementation(() => {
        dev.cluster.setFaults({ errorRate500: 0 });
      });

      const nodes = await client.listNodes();

      expect(nodes).toHaveLength(2);
      expect(logger.warn).toHaveBeenCalledTimes(1);
      expect(logger.warn.mock.calls[0][0]).toMatch(
        /^Retrying list nodes on resource:default\/demo-gke-dev in \d+ ms \(retry 1 of 2\) after status 500 InternalError$/,
      );
    });

    it('answers every read while a share of requests fails with 500', async () => {
      dev.cluster.setFaults({ errorRate500: 0.5 });
      const { client } = clientOf(dev, {
        readRetries: 30,
        retryBaseDelayMs: 1,
      });

      const answers = [];
      for (let i = 0; i < 20; i++) {
        answers.push(await client.getNamespace('default'));
      }

      expect(
        answers.every(answer => answer?.metadata?.name === 'default'),
      ).toBe(true);
    });

    it('gives up with ClusterUnreachableError after the configured retries', async () => {
      dev.cluster.setFaults({ errorRate500: 1 });
      const { client, logger } = clientOf(dev, { readRetries: 2 });

      const outcome = await client.getConfigMap('default', 'x').catch(e => e);

      expect(outcome).toBeInstanceOf(ClusterUnreachableError);
      expect(outcome.message).toBe(
        'The cluster API server of resource:default/demo-gke-dev answered 500 Internal Server Error: Internal error occurred: simulated server error',
      );
      expect(logger.warn).toHaveBeenCalledTimes(2);
    });

    it('waits as long as a 429 answer asks before retrying', async () => {
      dev.cluster.setFaults({ errorRate429: 1 });
      const { client, logger } = clientOf(dev, { readRetries: 1 });
      logger.warn.mockImplementation(() => {
        dev.cluster.setFaults({ errorRate429: 0 });
      });

      const { outcome, elapsedMs } = await timed(
        client.getNamespace('default'),
      );

      expect(outcome?.metadata?.name).toBe('default');
      // The simulator sends Retry-After: 1.
      expect(logger.warn.mock.calls[0][0]).toContain(' in 1000 ms ');
      expect(elapsedMs).toBeGreaterThanOrEqual(950);
    });

    it('does not retry writes', async () => {
      dev.cluster.setFaults({ errorRate500: 1 });
      const { client, logger } = clientOf(dev, { readRetries: 2 });

      const outcome = await client
        .delete(
          {
            apiVersion: 'v1',
            kind: 'ConfigMap',
            namespace: 'default',
            name: 'x',
          },
          { dryRun: false },
        )
        .catch(e => e);

      expect(outcome).toBeInstanceOf(ClusterUnreachableError);
      expect(logger.warn).not.toHaveBeenCalled();
    });
  });

  describe('secrecy of tokens', () => {
    const failures: Array<{
      name: string;
      token: (cluster: RunningCluster) => string;
      faults: Partial<ClusterFaults>;
      expected: Function;
    }> = [
      {
        name: '401 for a wrong token',
        token: () => 'wrong-token-8f2a9c1d7e',
        faults: {},
        expected: NotAllowedError,
      },
      {
        name: '403 for a read-only token',
        token: cluster => cluster.readOnlyToken,
        faults: {},
        expected: NotAllowedError,
      },
      {
        name: '500 answers',
        token: cluster => cluster.adminToken,
        faults: { errorRate500: 1 },
        expected: ClusterUnreachableError,
      },
      {
        name: 'a timeout',
        token: cluster => cluster.adminToken,
        faults: { hang: true },
        expected: ClusterTimeoutError,
      },
      {
        name: 'a refused connection',
        token: cluster => cluster.adminToken,
        faults: { refuseConnections: true },
        expected: ClusterUnreachableError,
      },
    ];

    it.each(failures)(
      'keeps the token out of the error and the logs for $name',
      async ({ token, faults, expected }) => {
        const secret = token(dev);
        dev.cluster.setFaults(faults);
        const { client, logger } = clientOf(
          dev,
          { timeoutMs: 300, readRetries: 1 },
          { provider: 'serviceAccount', token: secret },
        );

        // A write, so the read-only token is refused too.
        const error = await client
          .apply(
            {
              apiVersion: 'v1',
              kind: 'ConfigMap',
              metadata: { name: 'secrecy', namespace: 'default' },
            },
            { dryRun: false },
          )
          .catch(e => e);

        expect(error).toBeInstanceOf(expected);
        const everything = [
          error.message,
          JSON.stringify(error),
          JSON.stringify(serializeError(error, { includeStack: true })),
          inspect(error, { showHidden: true, depth: null }),
          inspect(logger.warn.mock.calls, { depth: null }),
        ].join('\n');
        expect(everything).not.toContain(secret);
      },
    );
  });
});
