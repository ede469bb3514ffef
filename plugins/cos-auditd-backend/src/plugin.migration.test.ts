import { mockCredentials } from '@backstage/backend-test-utils';
import type {
  ActiveFilters,
  ApplyResult,
  ClusterStatus,
} from '@cos-auditd/backstage-plugin-cos-auditd-common';
import {
  CONFIGMAPS,
  DAEMONSETS,
  NAMESPACES,
  PODS,
  RunningCluster,
  RunningSimulator,
  startGkeSimulator,
} from '@cos-auditd/gke-sim';
import {
  AppsV1Api,
  CoreV1Api,
  KubeConfig,
  V1ConfigMap,
  V1DaemonSet,
  V1Namespace,
} from '@kubernetes/client-node';
import { startCosAuditdBackend, waitForStatus } from './__testUtils__';

jest.setTimeout(60_000);

const auth = mockCredentials.user.header();
const CLUSTER = 'demo-gke-prod';
const base = `/api/cos-auditd/clusters/default/${CLUSTER}`;
const NS = 'cos-auditd';
const LEGACY_IMAGE =
  'gcr.io/stackdriver-agents/stackdriver-logging-agent:1.9.4';

/** The legacy agent's configuration: journald audit records to Cloud Logging, with a grep filter. */
const LEGACY_FLUENTD_CONF = [
  '<source>',
  '  @type systemd',
  '  filters [{ "SYSLOG_IDENTIFIER": "audit" }]',
  '  pos_file /var/log/gcp-journald-audit.pos',
  '  read_from_head true',
  '  tag linux-auditd',
  '</source>',
  '',
  '<filter linux-auditd>',
  '  @type grep',
  '  <exclude>',
  '    key _AUDIT_TYPE_NAME',
  '    pattern /^(PROCTITLE|PATH)$/',
  '  </exclude>',
  '</filter>',
  '',
  '<match **>',
  '  @type google_cloud',
  '  enable_monitoring false',
  '  split_logs_by_tag true',
  '  detect_subservice false',
  '  buffer_type file',
  '  buffer_path /var/log/fluentd-buffers/system.audit.buffer',
  '  buffer_queue_full_action block',
  '  buffer_chunk_limit 512k',
  '  buffer_queue_limit 2',
  '  flush_interval 5s',
  '  max_retry_wait 30',
  '  disable_retry_limit',
  '  num_threads 2',
  '  use_grpc true',
  '</match>',
].join('\n');

/** The older upstream manifest (k8s-node-tools os-audit), as `kubectl apply -f` left it. */
const legacyNamespace: V1Namespace = {
  apiVersion: 'v1',
  kind: 'Namespace',
  metadata: { name: NS },
};

const legacyConfigMap: V1ConfigMap = {
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: {
    name: 'fluentd-gcp-config-cos-auditd',
    namespace: NS,
    labels: { 'addonmanager.kubernetes.io/mode': 'Reconcile' },
  },
  data: { 'google-fluentd.conf': LEGACY_FLUENTD_CONF },
};

const legacyDaemonSet: V1DaemonSet = {
  apiVersion: 'apps/v1',
  kind: 'DaemonSet',
  metadata: {
    name: 'cos-auditd-logging',
    namespace: NS,
    annotations: {
      'kubernetes.io/description':
        'DaemonSet that enables Linux auditd logging on COS nodes.',
    },
  },
  spec: {
    selector: { matchLabels: { name: 'cos-auditd-logging' } },
    template: {
      metadata: { labels: { name: 'cos-auditd-logging' } },
      spec: {
        hostNetwork: true,
        hostPID: true,
        dnsPolicy: 'Default',
        initContainers: [
          {
            name: 'cos-auditd-setup',
            image: 'ubuntu',
            command: [
              'chroot',
              '/host',
              'systemctl',
              'start',
              'cloud-audit-setup',
            ],
            securityContext: { privileged: true },
            volumeMounts: [{ name: 'host', mountPath: '/host' }],
            resources: { requests: { memory: '10Mi', cpu: '10m' } },
          },
        ],
        containers: [
          {
            name: 'fluentd-gcp-cos-auditd',
            image: LEGACY_IMAGE,
            env: [
              {
                name: 'NODE_NAME',
                valueFrom: {
                  fieldRef: { apiVersion: 'v1', fieldPath: 'spec.nodeName' },
                },
              },
            ],
            resources: {
              limits: { memory: '500Mi' },
              requests: { cpu: '100m', memory: '200Mi' },
            },
            volumeMounts: [
              { name: 'varlog', mountPath: '/var/log' },
              {
                name: 'varlibdockercontainers',
                mountPath: '/var/lib/docker/containers',
                readOnly: true,
              },
              {
                name: 'config-volume',
                mountPath: '/etc/google-fluentd/config.d',
              },
            ],
          },
        ],
        nodeSelector: { 'cloud.google.com/gke-os-distribution': 'cos' },
        restartPolicy: 'Always',
        terminationGracePeriodSeconds: 30,
        tolerations: [
          { operator: 'Exists', effect: 'NoExecute' },
          { operator: 'Exists', effect: 'NoSchedule' },
        ],
        volumes: [
          { name: 'host', hostPath: { path: '/' } },
          { name: 'varlog', hostPath: { path: '/var/log' } },
          {
            name: 'varlibdockercontainers',
            hostPath: { path: '/var/lib/docker/containers' },
          },
          {
            name: 'config-volume',
            configMap: { name: 'fluentd-gcp-config-cos-auditd' },
          },
        ],
      },
    },
    updateStrategy: { type: 'RollingUpdate' },
  },
};

/** Seeds the cluster the way a user did it: through its Kubernetes API, with the admin token. */
async function installLegacyAgent(cluster: RunningCluster) {
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromOptions({
    clusters: [
      { name: cluster.name, server: cluster.apiServer, skipTLSVerify: true },
    ],
    users: [{ name: 'admin', token: cluster.adminToken }],
    contexts: [{ name: 'sim', cluster: cluster.name, user: 'admin' }],
    currentContext: 'sim',
  });
  const core = kubeConfig.makeApiClient(CoreV1Api);
  const apps = kubeConfig.makeApiClient(AppsV1Api);
  await core.createNamespace({ body: legacyNamespace });
  await core.createNamespacedConfigMap({
    namespace: NS,
    body: legacyConfigMap,
  });
  await apps.createNamespacedDaemonSet({
    namespace: NS,
    body: legacyDaemonSet,
  });
}

describe('migrating a cluster from the legacy fluentd agent', () => {
  let sim: RunningSimulator;
  let backend: Awaited<ReturnType<typeof startCosAuditdBackend>>;

  beforeAll(async () => {
    sim = await startGkeSimulator();
    backend = await startCosAuditdBackend({ sim });
    await installLegacyAgent(sim.cluster(CLUSTER));
  });

  afterAll(async () => {
    await backend?.stop();
    await sim?.stop();
  });

  const api = () => backend.api();
  const store = () => sim.cluster(CLUSTER).cluster.store;
  /** What the cluster holds, as a reader of etcd would see it. */
  const clusterObjects = () => ({
    configMaps: store()
      .list(CONFIGMAPS, NS)
      .map(o => o.metadata.name)
      .sort(),
    daemonSets: store()
      .list(DAEMONSETS, NS)
      .map(o => {
        const ds = o as unknown as V1DaemonSet;
        return {
          name: ds.metadata?.name,
          containers: ds.spec?.template.spec?.containers.map(c => c.name),
          images: ds.spec?.template.spec?.containers.map(c => c.image),
        };
      }),
  });
  /** Every object's resourceVersion: any write, even a label, changes it. */
  const versions = () =>
    [
      ...store()
        .list(NAMESPACES)
        .filter(o => o.metadata.name === NS),
      ...store().list(CONFIGMAPS, NS),
      ...store().list(DAEMONSETS, NS),
    ].map(o => `${o.kind}/${o.metadata.name}@${o.metadata.resourceVersion}`);
  const podContainers = () =>
    store()
      .list(PODS, NS)
      .map(o =>
        (
          o as { spec?: { containers?: Array<{ name: string }> } }
        ).spec?.containers
          ?.map(c => c.name)
          .join(','),
      );

  let beforeApply: ReturnType<typeof clusterObjects>;
  let versionsBeforeApply: string[];

  it('reports the legacy install as active on the fluentd agent', async () => {
    const status = await waitForStatus(api, CLUSTER, s => s.phase === 'active');
    expect(status.agent).toBe('fluentd-legacy');
    expect(status.daemonSet).toMatchObject({
      name: 'cos-auditd-logging',
      desired: 5,
      ready: 5,
    });
    expect(status.nodes.filter(n => n.covered)).toHaveLength(5);
    expect(status.nodes.filter(n => !n.cos).map(n => n.pool)).toEqual([
      'ubuntu-pool',
      'ubuntu-pool',
    ]);
    expect(status.drift.map(d => d.message).join('\n')).toMatch(
      /legacy fluentd agent configuration is installed; applying migrates/,
    );

    beforeApply = clusterObjects();
    versionsBeforeApply = versions();
    expect(versionsBeforeApply).toEqual([
      expect.stringMatching(/^Namespace\/cos-auditd@\d+$/),
      expect.stringMatching(/^ConfigMap\/fluentd-gcp-config-cos-auditd@\d+$/),
      expect.stringMatching(/^DaemonSet\/cos-auditd-logging@\d+$/),
    ]);
    expect(beforeApply).toEqual({
      configMaps: ['fluentd-gcp-config-cos-auditd'],
      daemonSets: [
        {
          name: 'cos-auditd-logging',
          containers: ['fluentd-gcp-cos-auditd'],
          images: [LEGACY_IMAGE],
        },
      ],
    });
  });

  it('shows the legacy filters, the grep block described', async () => {
    const response = await api()
      .get(`${base}/filters`)
      .set('Authorization', auth);
    expect(response.status).toBe(200);
    const filters = response.body as ActiveFilters;
    expect(filters).toMatchObject({
      entityRef: `resource:default/${CLUSTER}`,
      source: 'fluentd-legacy',
      spec: null,
      raw: LEGACY_FLUENTD_CONF,
      notes: [],
    });
    expect(filters.sections).toEqual([
      {
        kind: 'grep',
        description: 'Drops PROCTITLE and PATH records',
        settings: [
          { key: 'match', value: 'linux-auditd' },
          { key: '@type', value: 'grep' },
          { key: 'exclude.key', value: '_AUDIT_TYPE_NAME' },
          { key: 'exclude.pattern', value: '/^(PROCTITLE|PATH)$/' },
        ],
      },
    ]);
  });

  it('changes nothing in the cluster on a dry run, and says what it would migrate', async () => {
    const response = await api()
      .post(`${base}/apply`)
      .set('Authorization', auth)
      .send({ dryRun: true });
    expect(response.status).toBe(200);
    const result = response.body as ApplyResult;
    expect(result.operation).toMatchObject({
      kind: 'apply',
      dryRun: true,
      outcome: 'succeeded',
    });
    // The same changes the real migration reports.
    expect(result.changes.map(c => `${c.kind}/${c.name}:${c.action}`)).toEqual([
      'DaemonSet/cos-auditd-logging:deleted',
      'ConfigMap/fluentd-gcp-config-cos-auditd:deleted',
      'Namespace/cos-auditd:configured',
      'ConfigMap/cos-auditd-fluent-bit-config:created',
      'DaemonSet/cos-auditd-logging:created',
    ]);
    expect(result.operation.messages[0]).toMatch(
      /Migrating from the legacy fluentd agent/,
    );
    expect(result.operation.messages.join('\n')).toMatch(/Would change: /);

    expect(clusterObjects()).toEqual(beforeApply);
    expect(versions()).toEqual(versionsBeforeApply);
    const status = await waitForStatus(api, CLUSTER, () => true);
    expect(status).toMatchObject({ phase: 'active', agent: 'fluentd-legacy' });
  });

  it('migrates: deletes the legacy objects, then creates the current ones', async () => {
    const response = await api()
      .post(`${base}/apply`)
      .set('Authorization', auth)
      .send({});
    expect(response.status).toBe(200);
    const result = response.body as ApplyResult;
    expect(result.changes.map(c => `${c.kind}/${c.name}:${c.action}`)).toEqual([
      'DaemonSet/cos-auditd-logging:deleted',
      'ConfigMap/fluentd-gcp-config-cos-auditd:deleted',
      // The namespace was there; this plugin's labels are added to it.
      'Namespace/cos-auditd:configured',
      'ConfigMap/cos-auditd-fluent-bit-config:created',
      'DaemonSet/cos-auditd-logging:created',
    ]);
    expect(result.operation).toMatchObject({
      kind: 'apply',
      dryRun: false,
      outcome: 'succeeded',
      // No filters asked for and none readable from the legacy agent: the default.
      spec: { preset: 'balanced' },
      error: null,
    });
    expect(result.operation.changes).toEqual(result.changes);
    expect(result.operation.messages[0]).toBe(
      'Migrating from the legacy fluentd agent: its DaemonSet and ConfigMap are replaced by the fluent-bit ones.',
    );
    expect(result.operation.messages.join('\n')).toMatch(
      /Changed: DaemonSet cos-auditd-logging deleted, ConfigMap fluentd-gcp-config-cos-auditd deleted, .*ConfigMap cos-auditd-fluent-bit-config created, DaemonSet cos-auditd-logging created\./,
    );

    expect(clusterObjects()).toEqual({
      configMaps: ['cos-auditd-fluent-bit-config'],
      daemonSets: [
        {
          name: 'cos-auditd-logging',
          containers: ['cos-auditd-fluent-bit'],
          images: [expect.stringContaining('fluent-bit')],
        },
      ],
    });
  });

  it('rolls the fluent-bit agent out to every COS node and becomes active', async () => {
    const status: ClusterStatus = await waitForStatus(
      api,
      CLUSTER,
      s =>
        s.phase === 'active' &&
        s.agent === 'fluent-bit' &&
        podContainers().every(c => c === 'cos-auditd-fluent-bit'),
    );
    expect(status.daemonSet).toMatchObject({
      desired: 5,
      ready: 5,
      updated: 5,
    });
    expect(status.nodes.filter(n => n.covered)).toHaveLength(5);
    expect(status.drift).toEqual([]);
    expect(podContainers()).toHaveLength(5);

    const filters = await api()
      .get(`${base}/filters`)
      .set('Authorization', auth);
    expect(filters.body).toMatchObject({
      source: 'fluent-bit',
      spec: { preset: 'balanced' },
      notes: [],
    });
  });

  it('changes nothing when applied again', async () => {
    const response = await api()
      .post(`${base}/apply`)
      .set('Authorization', auth)
      .send({});
    expect(response.status).toBe(200);
    const result = response.body as ApplyResult;
    expect(result.changes.map(c => `${c.kind}/${c.name}:${c.action}`)).toEqual([
      'Namespace/cos-auditd:unchanged',
      'ConfigMap/cos-auditd-fluent-bit-config:unchanged',
      'DaemonSet/cos-auditd-logging:unchanged',
    ]);
    expect(result.operation.messages).toEqual([
      'Nothing to change: the cluster already runs this configuration.',
    ]);
    const status = await waitForStatus(api, CLUSTER, () => true);
    expect(status).toMatchObject({ phase: 'active', agent: 'fluent-bit' });
  });
});
