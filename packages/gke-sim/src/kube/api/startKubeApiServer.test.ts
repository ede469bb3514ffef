import * as k8s from '@kubernetes/client-node';
import {
  applyObject,
  cosAuditdNamespace,
  eventually,
  fluentBitConfigMap,
  kubeConfigFor,
  loggingDaemonSet,
  pool,
  RunningTestCluster,
  startTestCluster,
  statusOf,
  timeoutAfter,
} from '../../cluster/__testUtils__';
import { FAST_ROLLOUT } from '../../config';

/** The simulated API through the real @kubernetes/client-node (and plain fetch where the client cannot go). */
describe('startKubeApiServer', () => {
  let running: RunningTestCluster;
  let core: k8s.CoreV1Api;
  let apps: k8s.AppsV1Api;

  async function start(options: Parameters<typeof startTestCluster>[0] = {}) {
    running = await startTestCluster(options);
    core = running.kubeConfig().makeApiClient(k8s.CoreV1Api);
    apps = running.kubeConfig().makeApiClient(k8s.AppsV1Api);
  }

  afterEach(async () => {
    await running?.stop();
  });

  function request(
    path: string,
    init: {
      method?: string;
      token?: string | null;
      body?: string;
      contentType?: string;
    } = {},
  ) {
    const headers: Record<string, string> = {};
    const token = init.token === undefined ? running.adminToken : init.token;
    if (token) {
      headers.Authorization = `Bearer ${token}`;
    }
    if (init.contentType) {
      headers['Content-Type'] = init.contentType;
    }
    return fetch(`${running.server.url}${path}`, {
      method: init.method ?? 'GET',
      headers,
      body: init.body,
    });
  }

  async function installCosAuditd() {
    const kubeConfig = running.kubeConfig();
    await applyObject(kubeConfig, cosAuditdNamespace());
    await applyObject(kubeConfig, fluentBitConfigMap());
    await applyObject(kubeConfig, loggingDaemonSet());
  }

  describe('discovery', () => {
    it('reports a GKE version', async () => {
      await start();

      const version = await running
        .kubeConfig()
        .makeApiClient(k8s.VersionApi)
        .getCode();

      expect(version).toMatchObject({
        major: '1',
        minor: '32',
        gitVersion: expect.stringMatching(/-gke\./),
      });
    });

    it('lists the core and apps resources', async () => {
      await start();

      const coreResources = await core.getAPIResources();
      const appsResources = await apps.getAPIResources();

      expect(coreResources.resources.map(r => r.name)).toEqual(
        expect.arrayContaining(['namespaces', 'configmaps', 'pods', 'nodes']),
      );
      expect(appsResources.resources.map(r => r.name)).toContain('daemonsets');
    });

    it('answers an aggregated discovery request with the plain form', async () => {
      await start();

      const response = await request('/apis', {
        contentType: 'application/json',
      });

      expect(response.headers.get('content-type')).toBe('application/json');
      expect(await response.json()).toMatchObject({ kind: 'APIGroupList' });
    });
  });

  describe('server-side apply', () => {
    it('creates the upstream-shaped objects', async () => {
      await start();

      await installCosAuditd();

      const ds = await apps.readNamespacedDaemonSet({
        name: 'cos-auditd-logging',
        namespace: 'cos-auditd',
      });
      expect(ds.metadata?.generation).toBe(1);
      expect(ds.spec?.updateStrategy).toEqual({
        type: 'RollingUpdate',
        rollingUpdate: { maxUnavailable: 1, maxSurge: 0 },
      });
      expect(ds.metadata?.managedFields?.[0]).toMatchObject({
        manager: 'cos-auditd-test',
        operation: 'Apply',
      });
    });

    it('changes nothing when the same objects are applied again', async () => {
      await start();
      await installCosAuditd();
      const before = await apps.readNamespacedDaemonSet({
        name: 'cos-auditd-logging',
        namespace: 'cos-auditd',
      });
      const configBefore = await core.readNamespacedConfigMap({
        name: 'cos-auditd-fluent-bit-config',
        namespace: 'cos-auditd',
      });

      await applyObject(running.kubeConfig(), loggingDaemonSet());
      await applyObject(running.kubeConfig(), fluentBitConfigMap());

      const after = await apps.readNamespacedDaemonSet({
        name: 'cos-auditd-logging',
        namespace: 'cos-auditd',
      });
      const configAfter = await core.readNamespacedConfigMap({
        name: 'cos-auditd-fluent-bit-config',
        namespace: 'cos-auditd',
      });
      expect(after.metadata?.generation).toBe(before.metadata?.generation);
      expect(configAfter.metadata?.resourceVersion).toBe(
        configBefore.metadata?.resourceVersion,
      );
    });

    it('increments the generation when the template changes', async () => {
      await start();
      await installCosAuditd();

      await applyObject(
        running.kubeConfig(),
        loggingDaemonSet({ image: 'fluent/fluent-bit:9' }),
      );

      const ds = await apps.readNamespacedDaemonSet({
        name: 'cos-auditd-logging',
        namespace: 'cos-auditd',
      });
      expect(ds.metadata?.generation).toBe(2);
    });

    it('answers 409 FieldManagerConflict when another manager owns the field', async () => {
      await start();
      await installCosAuditd();

      const { code, body } = await statusOf(
        applyObject(running.kubeConfig(), fluentBitConfigMap('other'), {
          manager: 'other-manager',
        }),
      );

      expect(code).toBe(409);
      expect(body).toMatchObject({
        kind: 'Status',
        reason: 'Conflict',
        message:
          'Apply failed with 1 conflict: conflict with "cos-auditd-test" using v1: .data.fluent-bit.conf',
        details: {
          causes: [expect.objectContaining({ reason: 'FieldManagerConflict' })],
        },
      });
    });

    it('takes the field over with force', async () => {
      await start();
      await installCosAuditd();

      await applyObject(running.kubeConfig(), fluentBitConfigMap('other'), {
        manager: 'other-manager',
        force: true,
      });

      expect(running.cluster.agentConfig()).toEqual({
        agent: 'fluent-bit',
        text: 'other',
      });
    });

    it('stores nothing on dryRun=All', async () => {
      await start();
      await applyObject(running.kubeConfig(), cosAuditdNamespace());
      const before = running.cluster.store.resourceVersion;

      const answer = await applyObject(
        running.kubeConfig(),
        fluentBitConfigMap(),
        { dryRun: true },
      );

      expect(answer.metadata?.name).toBe('cos-auditd-fluent-bit-config');
      expect(running.cluster.agentConfig()).toBeUndefined();
      expect(running.cluster.store.resourceVersion).toBe(before);
    });

    it('needs a fieldManager', async () => {
      await start();

      const response = await request('/api/v1/namespaces/x', {
        method: 'PATCH',
        contentType: 'application/apply-patch+yaml',
        body: 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: x\n',
      });

      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({
        kind: 'Status',
        reason: 'BadRequest',
      });
    });
  });

  describe('other writes', () => {
    it('answers 409 AlreadyExists for a second create', async () => {
      await start();
      await core.createNamespace({ body: { metadata: { name: 'twice' } } });

      const { code, body } = await statusOf(
        core.createNamespace({ body: { metadata: { name: 'twice' } } }),
      );

      expect(code).toBe(409);
      expect(body).toMatchObject({
        reason: 'AlreadyExists',
        message: 'namespaces "twice" already exists',
      });
    });

    it('answers 409 Conflict for a replace based on an old resourceVersion', async () => {
      await start();
      await applyObject(running.kubeConfig(), cosAuditdNamespace());
      const created = await core.createNamespacedConfigMap({
        namespace: 'cos-auditd',
        body: { metadata: { name: 'cm' }, data: { a: '1' } },
      });
      await core.replaceNamespacedConfigMap({
        name: 'cm',
        namespace: 'cos-auditd',
        body: { ...created, data: { a: '2' } },
      });

      const { code, body } = await statusOf(
        core.replaceNamespacedConfigMap({
          name: 'cm',
          namespace: 'cos-auditd',
          body: { ...created, data: { a: '3' } },
        }),
      );

      expect(code).toBe(409);
      expect(body.reason).toBe('Conflict');
    });

    it('applies a merge patch', async () => {
      await start();

      const response = await request('/api/v1/namespaces/default', {
        method: 'PATCH',
        contentType: 'application/merge-patch+json',
        body: JSON.stringify({ metadata: { labels: { team: 'audit' } } }),
      });

      expect(response.status).toBe(200);
      const namespace = await core.readNamespace({ name: 'default' });
      expect(namespace.metadata?.labels?.team).toBe('audit');
    });

    it('answers 415 for a patch type it does not know', async () => {
      await start();

      const response = await request('/api/v1/namespaces/default', {
        method: 'PATCH',
        contentType: 'text/plain',
        body: 'x',
      });

      expect(response.status).toBe(415);
      expect(await response.json()).toMatchObject({
        kind: 'Status',
        reason: 'UnsupportedMediaType',
        code: 415,
      });
    });

    it('answers 422 Invalid with causes for a ConfigMap value that is not a string', async () => {
      await start();

      const response = await request('/api/v1/namespaces/default/configmaps', {
        method: 'POST',
        contentType: 'application/json',
        body: JSON.stringify({
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { name: 'cm' },
          data: { k: 1 },
        }),
      });

      expect(response.status).toBe(422);
      expect(await response.json()).toMatchObject({
        reason: 'Invalid',
        details: { causes: [expect.objectContaining({ field: 'data[k]' })] },
      });
    });

    it('answers 422 Invalid for a DaemonSet whose selector does not match its template', async () => {
      await start();
      await applyObject(running.kubeConfig(), cosAuditdNamespace());
      const daemonSet = loggingDaemonSet();
      daemonSet.spec!.selector = { matchLabels: { name: 'something-else' } };

      const { code, body } = await statusOf(
        applyObject(running.kubeConfig(), daemonSet),
      );

      expect(code).toBe(422);
      expect(body.details?.causes?.[0].field).toBe(
        'spec.template.metadata.labels',
      );
    });

    it('answers 404 NotFound when the namespace does not exist', async () => {
      await start();

      const { code, body } = await statusOf(
        applyObject(running.kubeConfig(), fluentBitConfigMap()),
      );

      expect(code).toBe(404);
      expect(body).toMatchObject({
        reason: 'NotFound',
        message: 'namespaces "cos-auditd" not found',
      });
    });
  });

  describe('delete', () => {
    it('terminates a namespace, then removes it with its objects', async () => {
      await start();
      await installCosAuditd();
      await eventually(async () =>
        (
          await core.listNamespacedPod({ namespace: 'cos-auditd' })
        ).items.length === 3
          ? true
          : undefined,
      );

      const answer = await core.deleteNamespace({ name: 'cos-auditd' });

      expect((answer as k8s.V1Namespace).status?.phase).toBe('Terminating');
      await eventually(async () => {
        const { code } = await statusOf(
          core.readNamespace({ name: 'cos-auditd' }),
        );
        return code === 404 ? true : undefined;
      });
      expect(
        (
          await core.listPodForAllNamespaces({
            labelSelector: 'name=cos-auditd-logging',
          })
        ).items,
      ).toEqual([]);
      expect(running.cluster.agentConfig()).toBeUndefined();
    });

    it('refuses new objects in a terminating namespace', async () => {
      // Namespaces finish terminating after the pod start delay: make it long
      // enough that the namespace is still Terminating on a busy machine.
      await start({ timing: { ...FAST_ROLLOUT, podStartMs: 60_000 } });
      await applyObject(running.kubeConfig(), cosAuditdNamespace());
      await core.deleteNamespace({ name: 'cos-auditd' });

      const { code, body } = await statusOf(
        applyObject(running.kubeConfig(), fluentBitConfigMap()),
      );

      expect(code).toBe(403);
      expect(body.message).toMatch(/because it is being terminated/);
    });

    it('answers 404 NotFound with a Status for an object that does not exist', async () => {
      await start();

      const { code, body } = await statusOf(
        core.readNamespace({ name: 'missing' }),
      );

      expect(code).toBe(404);
      expect(body).toEqual({
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message: 'namespaces "missing" not found',
        reason: 'NotFound',
        details: { name: 'missing', group: '', kind: 'namespaces' },
        code: 404,
      });
    });
  });

  describe('list', () => {
    it('pages 5,000 nodes with limit and continue, each node once', async () => {
      await start({ spec: { pools: [pool('big', 5000)] } });
      const seen: string[] = [];
      let token: string | undefined;
      let pages = 0;
      let remainingAfterFirstPage: number | undefined;

      do {
        const page = await core.listNode({ limit: 700, _continue: token });
        seen.push(...page.items.map(n => n.metadata!.name!));
        remainingAfterFirstPage ??= page.metadata?.remainingItemCount;
        token = page.metadata?._continue || undefined;
        pages += 1;
      } while (token);

      expect(pages).toBe(8);
      expect(remainingAfterFirstPage).toBe(4300);
      expect(seen).toHaveLength(5000);
      expect(new Set(seen).size).toBe(5000);
      expect([...seen].sort()).toEqual(seen);
    });

    it('selects nodes by label', async () => {
      await start();

      const cos = await core.listNode({
        labelSelector: 'cloud.google.com/gke-os-distribution=cos',
      });
      const notCos = await core.listNode({
        labelSelector: 'cloud.google.com/gke-os-distribution notin (cos)',
      });
      const withPool = await core.listNode({
        labelSelector: 'cloud.google.com/gke-nodepool',
      });

      expect(cos.items).toHaveLength(3);
      expect(notCos.items).toHaveLength(2);
      expect(withPool.items).toHaveLength(5);
    });

    it('selects pods by node name across namespaces', async () => {
      await start();
      await installCosAuditd();
      const [node] = running.cluster.nodeNames('default-pool');

      const pods = await eventually(async () => {
        const list = await core.listPodForAllNamespaces({
          fieldSelector: `spec.nodeName=${node}`,
        });
        return list.items.length === 1 ? list.items : undefined;
      });

      expect(pods[0].spec?.nodeName).toBe(node);
    });

    it('selects by metadata.name', async () => {
      await start();

      const list = await core.listNamespace({
        fieldSelector: 'metadata.name=default',
      });

      expect(list.items.map(n => n.metadata?.name)).toEqual(['default']);
    });

    it('answers 400 for a field it cannot select by', async () => {
      await start();

      const { code, body } = await statusOf(
        core.listNode({ fieldSelector: 'status.nodeInfo.osImage=x' }),
      );

      expect(code).toBe(400);
      expect(body.reason).toBe('BadRequest');
    });

    it('streams pod events to a watch', async () => {
      await start();
      const events: string[] = [];
      const watch = new k8s.Watch(running.kubeConfig());
      const controller = await watch.watch(
        '/api/v1/namespaces/cos-auditd/pods',
        {},
        (type: string) => events.push(type),
        () => {},
      );
      try {
        await installCosAuditd();
        await eventually(() =>
          events.filter(e => e === 'ADDED').length === 3 &&
          events.includes('MODIFIED')
            ? true
            : undefined,
        );
      } finally {
        controller.abort();
      }
      expect(events.slice(0, 3)).toEqual(['ADDED', 'ADDED', 'ADDED']);
    });
  });

  describe('authentication and authorization', () => {
    it('answers 401 without a token', async () => {
      await start();

      const response = await request('/api/v1/nodes', { token: null });

      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({
        kind: 'Status',
        reason: 'Unauthorized',
        code: 401,
      });
    });

    it('answers 401 for an unknown token', async () => {
      await start();
      const client = kubeConfigFor(running.server, 'wrong').makeApiClient(
        k8s.CoreV1Api,
      );

      const { code } = await statusOf(client.listNode());

      expect(code).toBe(401);
    });

    it('lets the read-only token read', async () => {
      await start();
      const client = running
        .kubeConfig(running.readOnlyToken)
        .makeApiClient(k8s.CoreV1Api);

      const nodes = await client.listNode();

      expect(nodes.items).toHaveLength(5);
    });

    it('answers 403 Forbidden when the read-only token writes', async () => {
      await start();

      const { code, body } = await statusOf(
        applyObject(
          running.kubeConfig(running.readOnlyToken),
          cosAuditdNamespace(),
        ),
      );

      expect(code).toBe(403);
      expect(body).toMatchObject({
        reason: 'Forbidden',
        message:
          'namespaces "cos-auditd" is forbidden: User "gke-sim-read-only" cannot patch resource "namespaces" in API group "" at the cluster scope',
      });
    });
  });

  describe('faults', () => {
    it('delays answers by apiLatencyMs', async () => {
      await start();
      running.cluster.setFaults({ apiLatencyMs: 10_000 });

      await expect(core.listNode({}, timeoutAfter(100))).rejects.toThrow(
        /abort/i,
      );

      running.cluster.setFaults({ apiLatencyMs: 0 });
      expect((await core.listNode()).items).toHaveLength(5);
    });

    it('answers 500 at errorRate500 1', async () => {
      await start({ faults: { errorRate500: 1 } });

      const { code, body } = await statusOf(core.listNode());

      expect(code).toBe(500);
      expect(body.reason).toBe('InternalError');
    });

    it('answers 429 with Retry-After at errorRate429 1', async () => {
      await start({ faults: { errorRate429: 1 } });

      const response = await request('/api/v1/nodes');

      expect(response.status).toBe(429);
      expect(response.headers.get('retry-after')).toBe('1');
      expect(await response.json()).toMatchObject({
        reason: 'TooManyRequests',
        code: 429,
      });
    });

    it('refuses connections, then listens again on the same address', async () => {
      await start();

      running.cluster.setFaults({ refuseConnections: true });
      await eventually(async () => {
        try {
          await core.listNode();
          return undefined;
        } catch (error) {
          return /ECONNREFUSED/.test(
            String((error as Error & { cause?: unknown }).cause ?? error),
          ) ||
            /ECONNREFUSED/.test(
              JSON.stringify(error, Object.getOwnPropertyNames(error)),
            )
            ? true
            : undefined;
        }
      });

      running.cluster.setFaults({ refuseConnections: false });
      const nodes = await eventually(async () => (await core.listNode()).items);
      expect(nodes).toHaveLength(5);
    });

    it('hangs: the client times out, and close() still ends the connection', async () => {
      await start({ faults: { hang: true } });

      await expect(core.listNode({}, timeoutAfter(200))).rejects.toThrow(
        /abort/i,
      );
    });
  });

  describe('HTTPS', () => {
    it('serves a certificate that verifies with the returned CA', async () => {
      await start({ tls: true });

      const nodes = await core.listNode();

      expect(running.server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      expect(running.server.ca).toMatch(/BEGIN CERTIFICATE/);
      expect(nodes.items).toHaveLength(5);
    });

    it('is not trusted without the CA', async () => {
      await start({ tls: true });
      const untrusting = new k8s.KubeConfig();
      untrusting.loadFromOptions({
        clusters: [
          { name: 'sim', server: running.server.url, skipTLSVerify: false },
        ],
        users: [{ name: 'sim', token: running.adminToken }],
        contexts: [{ name: 'sim', cluster: 'sim', user: 'sim' }],
        currentContext: 'sim',
      });

      await expect(
        untrusting.makeApiClient(k8s.CoreV1Api).listNode(),
      ).rejects.toThrow();
    });
  });
});
