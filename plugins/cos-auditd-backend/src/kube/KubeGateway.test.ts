import {
  AuthenticationError,
  InputError,
  NotAllowedError,
  ServiceUnavailableError,
} from '@backstage/errors';
import { RunningSimulator, startGkeSimulator } from '@cos-auditd/gke-sim';
import { NODE_POOL_LABEL } from '../manifests/names';
import {
  configMap,
  connectionTo,
  daemonSet,
  eventually,
  namespace,
  testGateway,
} from './__testUtils__/simulatedClusters';

jest.setTimeout(20_000);

describe('KubeGateway against the simulated GKE', () => {
  let sim: RunningSimulator;

  beforeAll(async () => {
    sim = await startGkeSimulator();
  });

  afterAll(async () => {
    await sim.stop();
  });

  function prodClient() {
    return testGateway().gateway.forCluster(
      connectionTo(sim.cluster('demo-gke-prod')),
    );
  }

  describe('reads', () => {
    it('lists every node of the cluster', async () => {
      const nodes = await prodClient().listNodes();

      const perPool = new Map<string, number>();
      for (const node of nodes) {
        const pool = node.metadata?.labels?.[NODE_POOL_LABEL] ?? '?';
        perPool.set(pool, (perPool.get(pool) ?? 0) + 1);
      }
      expect(nodes).toHaveLength(7);
      expect(Object.fromEntries(perPool)).toEqual({
        'default-pool': 3,
        'arm-pool': 2,
        'ubuntu-pool': 2,
      });
    });

    it('lists only the pods of one namespace that match the label selector', async () => {
      const client = prodClient();
      for (const object of [
        namespace('pods-a'),
        namespace('pods-b'),
        daemonSet('pods-a', 'wanted'),
        daemonSet('pods-a', 'other'),
        daemonSet('pods-b', 'wanted'),
      ]) {
        await client.apply(object, { dryRun: false });
      }
      // Every DaemonSet has a pod on each of the 5 COS nodes once rolled out.
      await eventually(
        () => client.listPods('pods-b', 'name=wanted'),
        pods => pods.length === 5,
      );
      await eventually(
        () => client.listPods('pods-a', 'name=other'),
        pods => pods.length === 5,
      );

      const pods = await eventually(
        () => client.listPods('pods-a', 'name=wanted'),
        found => found.length === 5,
      );

      expect(pods).toHaveLength(5);
      for (const pod of pods) {
        expect(pod.metadata?.namespace).toBe('pods-a');
        expect(pod.metadata?.labels?.name).toBe('wanted');
      }
    });

    it('reads a namespace that exists', async () => {
      const found = await prodClient().getNamespace('kube-system');
      expect(found?.metadata?.name).toBe('kube-system');
    });

    it('answers null for a namespace, ConfigMap or DaemonSet that does not exist', async () => {
      const client = prodClient();
      await expect(
        client.getNamespace('no-such-namespace'),
      ).resolves.toBeNull();
      await expect(
        client.getConfigMap('kube-system', 'no-such-config'),
      ).resolves.toBeNull();
      await expect(
        client.getDaemonSet('kube-system', 'no-such-daemonset'),
      ).resolves.toBeNull();
    });
  });

  describe('apply', () => {
    beforeAll(async () => {
      await prodClient().apply(namespace('apply-test'), { dryRun: false });
    });

    it('says created, then unchanged for the same object, then configured for a changed one', async () => {
      const client = prodClient();
      const original = configMap('apply-test', 'lifecycle', { a: '1' });
      const changed = configMap('apply-test', 'lifecycle', { a: '2' });

      const actions = [
        await client.apply(original, { dryRun: false }),
        await client.apply(original, { dryRun: false }),
        await client.apply(changed, { dryRun: false }),
      ].map(change => change.action);

      expect(actions).toEqual(['created', 'unchanged', 'configured']);
      const live = await client.getConfigMap('apply-test', 'lifecycle');
      expect(live?.data).toEqual({ a: '2' });
    });

    it('names the object it applied', async () => {
      const change = await prodClient().apply(
        configMap('apply-test', 'named', { a: '1' }),
        { dryRun: false },
      );
      expect(change).toEqual({
        kind: 'ConfigMap',
        name: 'named',
        namespace: 'apply-test',
        action: 'created',
      });
    });

    it('applies a DaemonSet, and again without a change', async () => {
      const client = prodClient();
      const agent = daemonSet('apply-test', 'agent');

      const first = await client.apply(agent, { dryRun: false });
      const second = await client.apply(agent, { dryRun: false });
      const rehearsed = await client.apply(agent, { dryRun: true });

      expect([first.action, second.action, rehearsed.action]).toEqual([
        'created',
        'unchanged',
        'unchanged',
      ]);
    });

    it('says what a dry run would create, and stores nothing', async () => {
      const client = prodClient();

      const change = await client.apply(
        configMap('apply-test', 'rehearsal', { a: '1' }),
        { dryRun: true },
      );

      expect(change.action).toBe('created');
      await expect(
        client.getConfigMap('apply-test', 'rehearsal'),
      ).resolves.toBeNull();
    });

    it('says what a dry run would configure, and leaves the live object as it was', async () => {
      const client = prodClient();
      await client.apply(configMap('apply-test', 'kept', { a: '1' }), {
        dryRun: false,
      });
      const before = await client.getConfigMap('apply-test', 'kept');

      const change = await client.apply(
        configMap('apply-test', 'kept', { a: '2' }),
        { dryRun: true },
      );

      expect(change.action).toBe('configured');
      const after = await client.getConfigMap('apply-test', 'kept');
      expect(after?.data).toEqual({ a: '1' });
      expect(after?.metadata?.resourceVersion).toBe(
        before?.metadata?.resourceVersion,
      );
    });

    it('says a dry run of the live object changes nothing', async () => {
      const client = prodClient();
      const object = configMap('apply-test', 'same', { a: '1' });
      await client.apply(object, { dryRun: false });

      const change = await client.apply(object, { dryRun: true });

      expect(change.action).toBe('unchanged');
    });

    it('leaves the object it was given as it was', async () => {
      const object = configMap('apply-test', 'untouched', { a: '1' });
      const copy = structuredClone(object);

      await prodClient().apply(object, { dryRun: false });

      expect(object).toEqual(copy);
    });

    it('turns the cluster rejecting an invalid object into an InputError with its reason', async () => {
      const invalid = configMap('apply-test', 'invalid', { 'not a key!': 'x' });

      const error = await prodClient()
        .apply(invalid, { dryRun: false })
        .catch(e => e);

      expect(error).toBeInstanceOf(InputError);
      expect(error.message).toContain('(422 Unprocessable Entity)');
      expect(error.message).toContain('a valid config key');
    });
  });

  describe('delete', () => {
    beforeAll(async () => {
      await prodClient().apply(namespace('delete-test'), { dryRun: false });
    });

    const ref = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      namespace: 'delete-test',
      name: 'doomed',
    };

    it('deletes an object, then finds it absent', async () => {
      const client = prodClient();
      await client.apply(configMap('delete-test', 'doomed', { a: '1' }), {
        dryRun: false,
      });

      const first = await client.delete(ref, { dryRun: false });
      const second = await client.delete(ref, { dryRun: false });

      expect(first).toEqual({
        kind: 'ConfigMap',
        name: 'doomed',
        namespace: 'delete-test',
        action: 'deleted',
      });
      expect(second.action).toBe('absent');
      await expect(
        client.getConfigMap('delete-test', 'doomed'),
      ).resolves.toBeNull();
    });

    it('says what a dry run would delete, and deletes nothing', async () => {
      const client = prodClient();
      await client.apply(configMap('delete-test', 'spared', { a: '1' }), {
        dryRun: false,
      });

      const change = await client.delete(
        { ...ref, name: 'spared' },
        { dryRun: true },
      );

      expect(change.action).toBe('deleted');
      await expect(
        client.getConfigMap('delete-test', 'spared'),
      ).resolves.not.toBeNull();
    });

    it('deletes a cluster-scoped object', async () => {
      const client = prodClient();
      await client.apply(namespace('short-lived'), { dryRun: false });

      const change = await client.delete(
        { apiVersion: 'v1', kind: 'Namespace', name: 'short-lived' },
        { dryRun: false },
      );

      expect(change).toEqual({
        kind: 'Namespace',
        name: 'short-lived',
        action: 'deleted',
      });
    });
  });

  describe('credentials', () => {
    it('reads with a read-only token', async () => {
      const prod = sim.cluster('demo-gke-prod');
      const client = testGateway().gateway.forCluster(
        connectionTo(prod, {
          provider: 'serviceAccount',
          token: prod.readOnlyToken,
        }),
      );

      await expect(client.listNodes()).resolves.toHaveLength(7);
    });

    it('turns a 403 for a read-only token into NotAllowedError in plain words, and changes nothing', async () => {
      const prod = sim.cluster('demo-gke-prod');
      const client = testGateway().gateway.forCluster(
        connectionTo(prod, {
          provider: 'serviceAccount',
          token: prod.readOnlyToken,
        }),
      );

      const error = await client
        .apply(namespace('forbidden-namespace'), { dryRun: false })
        .catch(e => e);

      expect(error).toBeInstanceOf(NotAllowedError);
      expect(error.message).toMatch(
        /^The cluster API server of resource:default\/demo-gke-prod refused the request \(403 Forbidden\): namespaces "forbidden-namespace" is forbidden: .+\. The credentials configured for this cluster lack the permission\.$/,
      );
      await expect(
        prodClient().getNamespace('forbidden-namespace'),
      ).resolves.toBeNull();
    });

    it('turns a 401 for a wrong service account token into NotAllowedError', async () => {
      const client = testGateway().gateway.forCluster(
        connectionTo(sim.cluster('demo-gke-prod'), {
          provider: 'serviceAccount',
          token: 'not-a-token-of-this-cluster',
        }),
      );

      const error = await client.listNodes().catch(e => e);

      expect(error).toBeInstanceOf(NotAllowedError);
      expect(error.message).toBe(
        'The cluster API server of resource:default/demo-gke-prod refused the request (401 Unauthorized). The credentials configured for this cluster were not accepted: they are wrong or expired.',
      );
    });

    it("sends a signed-in user's Google access token", async () => {
      const prod = sim.cluster('demo-gke-prod');
      const client = testGateway().gateway.forCluster(
        connectionTo(prod, {
          provider: 'google',
          accessToken: prod.adminToken,
        }),
      );

      await expect(client.getNamespace('default')).resolves.not.toBeNull();
    });

    it('asks a user whose Google token the cluster refuses to sign in again', async () => {
      const client = testGateway().gateway.forCluster(
        connectionTo(sim.cluster('demo-gke-prod'), {
          provider: 'google',
          accessToken: 'expired-user-token',
        }),
      );

      const error = await client.listNodes().catch(e => e);

      expect(error).toBeInstanceOf(AuthenticationError);
      expect(error.message).toContain('sign in with Google again');
    });

    it("gets the backend's Google token for every request", async () => {
      const prod = sim.cluster('demo-gke-prod');
      const googleAuth = {
        getAccessToken: jest.fn(async () => prod.adminToken),
      };
      const client = testGateway({ googleAuth }).gateway.forCluster(
        connectionTo(prod, { provider: 'googleServiceAccount' }),
      );

      await client.getNamespace('default');
      await client.getNamespace('kube-system');

      expect(googleAuth.getAccessToken).toHaveBeenCalledTimes(2);
    });

    it("says so when the backend's Google credentials give no token", async () => {
      const client = testGateway({
        googleAuth: {
          getAccessToken: async () => {
            throw new Error('Could not load the default credentials');
          },
        },
      }).gateway.forCluster(
        connectionTo(sim.cluster('demo-gke-prod'), {
          provider: 'googleServiceAccount',
        }),
      );

      const error = await client.listNodes().catch(e => e);

      expect(error).toBeInstanceOf(ServiceUnavailableError);
      expect(error.message).toBe(
        "Could not get a Google access token for resource:default/demo-gke-prod from the backend's Application Default Credentials: Could not load the default credentials",
      );
    });

    it("gives up on the backend's Google credentials when they do not answer in time", async () => {
      const client = testGateway({
        timeoutMs: 200,
        googleAuth: { getAccessToken: () => new Promise(() => {}) },
      }).gateway.forCluster(
        connectionTo(sim.cluster('demo-gke-prod'), {
          provider: 'googleServiceAccount',
        }),
      );

      const error = await client.listNodes().catch(e => e);

      expect(error).toBeInstanceOf(ServiceUnavailableError);
      expect(error.message).toMatch(/no answer within 200 ms\.$/);
    });
  });
});

describe('KubeGateway with a cluster larger than a page', () => {
  let sim: RunningSimulator;

  beforeAll(async () => {
    sim = await startGkeSimulator({
      clusters: [
        {
          name: 'big-cluster',
          project: 'demo-project',
          location: 'europe-west1',
          pools: [
            { name: 'cos-pool', nodes: 1100, os: 'cos' },
            { name: 'ubuntu-pool', nodes: 30, os: 'ubuntu' },
          ],
        },
      ],
    });
  });

  afterAll(async () => {
    await sim.stop();
  });

  it('lists every node, page after page, each once', async () => {
    const client = testGateway().gateway.forCluster(
      connectionTo(sim.cluster('big-cluster')),
    );

    const nodes = await client.listNodes();

    const names = new Set(nodes.map(node => node.metadata?.name));
    expect(nodes).toHaveLength(1130);
    expect(names.size).toBe(1130);
  });
});
