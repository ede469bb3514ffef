import {
  V1ConfigMap,
  V1ContainerStatus,
  V1DaemonSet,
  V1Node,
  V1Pod,
} from '@kubernetes/client-node';
import {
  NodeOutcome,
  ROLLOUT_PHASE_DESCRIPTIONS,
  RolloutPhase,
} from '@cos-auditd/backstage-plugin-cos-auditd-common';
import {
  COS_AUDITD_OBJECTS,
  DEFAULT_IMAGES,
  renderDisableDaemonSet,
  renderManifest,
} from '../manifests';
import {
  ClusterSnapshot,
  computeClusterStatus,
  isAutopilot,
} from './computeClusterStatus';

// --- builders, shaped like what readClusterObjects reads from a GKE cluster ---

type Os = 'cos' | 'ubuntu' | 'windows';

const OS_IMAGES: Record<Os, string> = {
  cos: 'Container-Optimized OS from Google',
  ubuntu: 'Ubuntu 22.04.4 LTS',
  windows: 'Windows Server 2022 Datacenter',
};

/** A GKE node: pool and OS labels, providerID `gce://project/zone/instance`, osImage. */
function node(
  name: string,
  options: {
    pool?: string;
    os?: Os;
    zone?: string;
    labels?: Record<string, string>;
  } = {},
): V1Node {
  const {
    pool = 'default-pool',
    os = 'cos',
    zone = 'europe-west1-b',
  } = options;
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      labels: {
        'cloud.google.com/gke-nodepool': pool,
        'cloud.google.com/gke-os-distribution':
          os === 'windows' ? 'windows_ltsc' : os,
        'kubernetes.io/os': os === 'windows' ? 'windows' : 'linux',
        'topology.kubernetes.io/zone': zone,
        ...options.labels,
      },
    },
    spec: { providerID: `gce://demo-project/${zone}/${name}` },
    status: {
      nodeInfo: {
        osImage: OS_IMAGES[os],
        architecture: 'amd64',
        bootID: '',
        containerRuntimeVersion: 'containerd://1.7.24',
        kernelVersion: '6.6.72+',
        kubeProxyVersion: 'v1.32.4-gke.1106006',
        kubeletVersion: 'v1.32.4-gke.1106006',
        machineID: '',
        operatingSystem: os === 'windows' ? 'windows' : 'linux',
        systemUUID: '',
      },
    },
  };
}

/** How an agent pod is doing, as the kubelet reports it. */
type PodShape =
  | 'ready'
  | 'initializing'
  | 'starting'
  | 'image-pull-backoff'
  | 'crash-loop'
  | 'init-error'
  | 'init-crash-loop'
  | 'evicted';

function containerStatus(
  name: string,
  overrides: Partial<V1ContainerStatus>,
): V1ContainerStatus {
  return {
    name,
    image: 'image',
    imageID: '',
    ready: false,
    restartCount: 0,
    ...overrides,
  };
}

/** A pod of a DaemonSet on `nodeName`, in the given state. */
function pod(
  nodeName: string,
  shape: PodShape,
  options: {
    daemonSet?: string;
    restarts?: number;
    initRestarts?: number;
    initMessage?: string;
  } = {},
): V1Pod {
  const daemonSet = options.daemonSet ?? COS_AUDITD_OBJECTS.loggingDaemonSet;
  const main =
    daemonSet === COS_AUDITD_OBJECTS.disableDaemonSet
      ? 'pause'
      : COS_AUDITD_OBJECTS.fluentBitContainer;
  const init =
    daemonSet === COS_AUDITD_OBJECTS.disableDaemonSet
      ? COS_AUDITD_OBJECTS.disableInitContainer
      : COS_AUDITD_OBJECTS.setupInitContainer;
  const restartCount = options.restarts ?? 0;
  const initDone = {
    terminated: {
      exitCode: 0,
      reason: 'Completed',
      ...(options.initMessage ? { message: options.initMessage } : {}),
    },
  };
  const initFailed = { terminated: { exitCode: 1, reason: 'Error' } };
  const states: Record<
    PodShape,
    {
      phase: string;
      init: V1ContainerStatus['state'];
      main: V1ContainerStatus['state'];
      ready?: boolean;
      reason?: string;
    }
  > = {
    ready: {
      phase: 'Running',
      init: initDone,
      main: { running: {} },
      ready: true,
    },
    initializing: {
      phase: 'Pending',
      init: { running: {} },
      main: { waiting: { reason: 'PodInitializing' } },
    },
    starting: { phase: 'Running', init: initDone, main: { running: {} } },
    'image-pull-backoff': {
      phase: 'Pending',
      init: initDone,
      main: {
        waiting: {
          reason: 'ImagePullBackOff',
          message: 'Back-off pulling image',
        },
      },
    },
    'crash-loop': {
      phase: 'Running',
      init: initDone,
      main: { waiting: { reason: 'CrashLoopBackOff' } },
    },
    'init-error': {
      phase: 'Pending',
      init: initFailed,
      main: { waiting: { reason: 'PodInitializing' } },
    },
    'init-crash-loop': {
      phase: 'Pending',
      init: { waiting: { reason: 'CrashLoopBackOff' } },
      main: { waiting: { reason: 'PodInitializing' } },
    },
    evicted: {
      phase: 'Failed',
      init: initDone,
      main: { terminated: { exitCode: 137 } },
      reason: 'Evicted',
    },
  };
  const state = states[shape];
  const ready = state.ready ?? false;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: `${daemonSet}-${nodeName.slice(-4)}`,
      namespace: COS_AUDITD_OBJECTS.namespace,
      labels: { name: daemonSet },
    },
    spec: { nodeName, containers: [{ name: main }] },
    status: {
      phase: state.phase,
      ...(state.reason ? { reason: state.reason } : {}),
      conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }],
      initContainerStatuses: [
        containerStatus(init, {
          ready: 'terminated' in (state.init ?? {}),
          restartCount: options.initRestarts ?? 0,
          state: state.init,
        }),
      ],
      containerStatuses: [
        containerStatus(main, { ready, restartCount, state: state.main }),
      ],
    },
  };
}

const manifest = renderManifest({
  entityRef: 'resource:default/demo-gke-prod',
  clusterName: 'demo-gke-prod',
  clusterLocation: 'europe-west1',
  images: DEFAULT_IMAGES,
  filters: { preset: 'balanced' },
});

/** The logging DaemonSet as applied, with the status the controller wrote. */
function loggingDaemonSet(
  counts: {
    desired?: number;
    current?: number;
    ready?: number;
    updated?: number;
    available?: number;
    misscheduled?: number;
    generation?: number;
    observedGeneration?: number;
  } = {},
  base: V1DaemonSet = manifest.daemonSet,
): V1DaemonSet {
  const desired = counts.desired ?? 3;
  const daemonSet = structuredClone(base);
  daemonSet.metadata = {
    ...daemonSet.metadata,
    generation: counts.generation ?? 1,
  };
  daemonSet.status = {
    desiredNumberScheduled: desired,
    currentNumberScheduled: counts.current ?? desired,
    numberReady: counts.ready ?? desired,
    updatedNumberScheduled: counts.updated ?? desired,
    numberAvailable: counts.available ?? counts.ready ?? desired,
    numberMisscheduled: counts.misscheduled ?? 0,
    observedGeneration: counts.observedGeneration ?? counts.generation ?? 1,
  };
  return daemonSet;
}

/** The upstream fluentd DaemonSet: same name, the fluentd container. */
function legacyDaemonSet(): V1DaemonSet {
  const legacy = loggingDaemonSet();
  legacy.spec!.template.spec!.containers = [
    {
      name: COS_AUDITD_OBJECTS.legacyContainer,
      image: 'gcr.io/stackdriver-agents/stackdriver-logging-agent:1.9.4',
    },
  ];
  return legacy;
}

const disableDaemonSet = renderDisableDaemonSet({
  entityRef: 'resource:default/demo-gke-prod',
  images: DEFAULT_IMAGES,
});

const legacyConfigMap: V1ConfigMap = {
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: {
    name: COS_AUDITD_OBJECTS.legacyConfigMap,
    namespace: COS_AUDITD_OBJECTS.namespace,
  },
  data: {
    [COS_AUDITD_OBJECTS.legacyConfigKey]:
      '<source>\n  @type systemd\n</source>',
  },
};

function snapshot(overrides: Partial<ClusterSnapshot> = {}): ClusterSnapshot {
  return {
    nodes: [],
    loggingDaemonSet: null,
    loggingPods: [],
    disableDaemonSet: null,
    disablePods: [],
    fluentBitConfigMap: null,
    legacyConfigMap: null,
    lastRemoval: null,
    ...overrides,
  };
}

// A production-like cluster: two COS pools over two zones, one Ubuntu pool.
const COS_NODES = [
  node('gke-prod-default-pool-1a2b3c4d-aaaa', { zone: 'europe-west1-b' }),
  node('gke-prod-default-pool-5e6f7a8b-bbbb', { zone: 'europe-west1-c' }),
  node('gke-prod-arm-pool-9c0d1e2f-cccc', { pool: 'arm-pool' }),
];
const [DEFAULT_B, DEFAULT_C, ARM] = COS_NODES.map(n => n.metadata!.name!);
const UBUNTU = node('gke-prod-ubuntu-pool-3a4b5c6d-dddd', {
  pool: 'ubuntu-pool',
  os: 'ubuntu',
  zone: 'europe-west1-c',
});
const NODES = [...COS_NODES, UBUNTU];

const readyPods = () => [DEFAULT_B, DEFAULT_C, ARM].map(n => pod(n, 'ready'));

const removal = (
  outcomes: Array<[string, string, NodeOutcome['outcome']]>,
): ClusterSnapshot['lastRemoval'] => ({
  finishedAt: '2026-01-01T00:00:00.000Z',
  nodes: outcomes.map(([name, pool, outcome]) => ({
    node: name,
    pool,
    outcome,
  })),
});

describe('computeClusterStatus', () => {
  describe('reaches every phase from a snapshot', () => {
    it.each<{
      name: string;
      snapshot: ClusterSnapshot;
      phase: RolloutPhase;
      detail?: string | RegExp;
    }>([
      {
        name: 'not-installed: COS nodes, nothing of cos-auditd',
        snapshot: snapshot({ nodes: NODES }),
        phase: 'not-installed',
      },
      {
        name: 'not-installed: a cluster without nodes yet',
        snapshot: snapshot({ nodes: [] }),
        phase: 'not-installed',
      },
      {
        name: 'rolling-out: DaemonSet just created, no pods yet',
        snapshot: snapshot({
          nodes: NODES,
          loggingDaemonSet: loggingDaemonSet({
            current: 0,
            ready: 0,
            updated: 0,
          }),
        }),
        phase: 'rolling-out',
        detail: '0 of 3 COS nodes ready.',
      },
      {
        name: 'rolling-out: pods still initializing or starting',
        snapshot: snapshot({
          nodes: NODES,
          loggingDaemonSet: loggingDaemonSet({ ready: 1 }),
          loggingPods: [
            pod(DEFAULT_B, 'ready'),
            pod(DEFAULT_C, 'initializing'),
            pod(ARM, 'starting'),
          ],
        }),
        phase: 'rolling-out',
        detail: '1 of 3 COS nodes ready.',
      },
      {
        name: 'rolling-out: a new spec the controller has not observed yet',
        snapshot: snapshot({
          nodes: NODES,
          loggingDaemonSet: loggingDaemonSet({
            generation: 2,
            observedGeneration: 1,
          }),
          loggingPods: readyPods(),
        }),
        phase: 'rolling-out',
        detail: '3 of 3 COS nodes ready.',
      },
      {
        name: 'rolling-out: pods of the old template still run',
        snapshot: snapshot({
          nodes: NODES,
          loggingDaemonSet: loggingDaemonSet({ updated: 1 }),
          loggingPods: readyPods(),
        }),
        phase: 'rolling-out',
        detail: '3 of 3 COS nodes ready.',
      },
      {
        name: 'rolling-out: counters complete but a COS node has no pod yet',
        snapshot: snapshot({
          nodes: NODES,
          loggingDaemonSet: loggingDaemonSet(),
          loggingPods: [pod(DEFAULT_B, 'ready'), pod(DEFAULT_C, 'ready')],
        }),
        phase: 'rolling-out',
        detail: '2 of 3 COS nodes ready.',
      },
      {
        name: 'active: every COS node runs an updated, ready pod',
        snapshot: snapshot({
          nodes: NODES,
          loggingDaemonSet: loggingDaemonSet(),
          loggingPods: readyPods(),
        }),
        phase: 'active',
        detail: '3 of 3 COS nodes covered.',
      },
      {
        name: 'degraded: image pull back-off on one pool',
        snapshot: snapshot({
          nodes: NODES,
          loggingDaemonSet: loggingDaemonSet({ ready: 1 }),
          loggingPods: [
            pod(DEFAULT_B, 'image-pull-backoff'),
            pod(DEFAULT_C, 'image-pull-backoff'),
            pod(ARM, 'ready'),
          ],
        }),
        phase: 'degraded',
        detail: '2 of 3 COS nodes: ImagePullBackOff on 2.',
      },
      {
        name: 'degraded: the most common reason first',
        snapshot: snapshot({
          nodes: NODES,
          loggingDaemonSet: loggingDaemonSet({ ready: 0 }),
          loggingPods: [
            pod(DEFAULT_B, 'crash-loop', { restarts: 4 }),
            pod(DEFAULT_C, 'image-pull-backoff'),
            pod(ARM, 'crash-loop', { restarts: 2 }),
          ],
        }),
        phase: 'degraded',
        detail:
          '3 of 3 COS nodes: CrashLoopBackOff on 2, ImagePullBackOff on 1.',
      },
      {
        name: 'degraded: failing init container',
        snapshot: snapshot({
          nodes: NODES,
          loggingDaemonSet: loggingDaemonSet({ ready: 2 }),
          loggingPods: [
            pod(DEFAULT_B, 'ready'),
            pod(DEFAULT_C, 'ready'),
            pod(ARM, 'init-error', { initRestarts: 1 }),
          ],
        }),
        phase: 'degraded',
        detail: '1 of 3 COS nodes: Init:Error on 1.',
      },
      {
        name: 'degraded: an evicted (Failed) pod',
        snapshot: snapshot({
          nodes: NODES,
          loggingDaemonSet: loggingDaemonSet({ ready: 2 }),
          loggingPods: [
            pod(DEFAULT_B, 'ready'),
            pod(DEFAULT_C, 'ready'),
            pod(ARM, 'evicted'),
          ],
        }),
        phase: 'degraded',
        detail: '1 of 3 COS nodes: Evicted on 1.',
      },
      {
        name: 'degraded wins over counters that look complete',
        snapshot: snapshot({
          nodes: NODES,
          loggingDaemonSet: loggingDaemonSet(),
          loggingPods: [
            pod(DEFAULT_B, 'ready'),
            pod(DEFAULT_C, 'ready'),
            pod(ARM, 'crash-loop'),
          ],
        }),
        phase: 'degraded',
        detail: '1 of 3 COS nodes: CrashLoopBackOff on 1.',
      },
      {
        name: 'disabling: the disable DaemonSet runs',
        snapshot: snapshot({
          nodes: NODES,
          disableDaemonSet,
          disablePods: [
            pod(DEFAULT_B, 'initializing', {
              daemonSet: COS_AUDITD_OBJECTS.disableDaemonSet,
            }),
          ],
        }),
        phase: 'disabling',
        detail: '0 of 3 COS nodes reported.',
      },
      {
        name: 'disabling: counts the nodes whose disable pod reported',
        snapshot: snapshot({
          nodes: NODES,
          disableDaemonSet,
          disablePods: [
            pod(DEFAULT_B, 'ready', {
              daemonSet: COS_AUDITD_OBJECTS.disableDaemonSet,
              initMessage: 'disabled',
            }),
            pod(DEFAULT_C, 'ready', {
              daemonSet: COS_AUDITD_OBJECTS.disableDaemonSet,
              initMessage: 'locked',
            }),
            pod(ARM, 'initializing', {
              daemonSet: COS_AUDITD_OBJECTS.disableDaemonSet,
            }),
          ],
        }),
        phase: 'disabling',
        detail: '2 of 3 COS nodes reported.',
      },
      {
        name: 'disabling wins over a logging DaemonSet still present',
        snapshot: snapshot({
          nodes: NODES,
          loggingDaemonSet: loggingDaemonSet(),
          loggingPods: readyPods(),
          disableDaemonSet,
        }),
        phase: 'disabling',
        detail: '0 of 3 COS nodes reported.',
      },
      {
        name: 'disabled: every node the removal saw reported disabled',
        snapshot: snapshot({
          nodes: NODES,
          lastRemoval: removal([
            [DEFAULT_B, 'default-pool', 'disabled'],
            [DEFAULT_C, 'default-pool', 'disabled'],
            [ARM, 'arm-pool', 'disabled'],
          ]),
        }),
        phase: 'disabled',
      },
      {
        name: 'disabled: the locked nodes have since been recreated',
        snapshot: snapshot({
          nodes: [
            node('gke-prod-arm-pool-9c0d1e2f-zzzz', { pool: 'arm-pool' }),
          ],
          lastRemoval: removal([
            [ARM, 'arm-pool', 'locked'],
            ['gke-prod-arm-pool-9c0d1e2f-yyyy', 'arm-pool', 'unknown'],
          ]),
        }),
        phase: 'disabled',
      },
      {
        name: 'removed-pending-node-recreation: locked nodes still exist',
        snapshot: snapshot({
          nodes: NODES,
          lastRemoval: removal([
            [DEFAULT_B, 'default-pool', 'disabled'],
            [DEFAULT_C, 'default-pool', 'unknown'],
            [ARM, 'arm-pool', 'locked'],
          ]),
        }),
        phase: 'removed-pending-node-recreation',
        detail: '2 nodes still locked in arm-pool, default-pool.',
      },
      {
        name: 'removed-pending-node-recreation: stop-shipping left every COS node locked',
        snapshot: snapshot({
          nodes: NODES,
          lastRemoval: removal([
            [DEFAULT_B, 'default-pool', 'locked'],
            [DEFAULT_C, 'default-pool', 'locked'],
            [ARM, 'arm-pool', 'locked'],
          ]),
        }),
        phase: 'removed-pending-node-recreation',
        detail: '3 nodes still locked in arm-pool, default-pool.',
      },
      {
        name: 'unsupported: Autopilot (gk3- nodes)',
        snapshot: snapshot({
          nodes: [
            node('gk3-autopilot-pool-1-1a2b3c4d-aaaa'),
            node('gk3-autopilot-pool-1-1a2b3c4d-bbbb'),
          ],
        }),
        phase: 'unsupported',
        detail: 'This is an Autopilot cluster.',
      },
      {
        name: 'unsupported: Autopilot, even with a logging DaemonSet',
        snapshot: snapshot({
          nodes: [node('gk3-autopilot-pool-1-1a2b3c4d-aaaa')],
          loggingDaemonSet: loggingDaemonSet({ desired: 1 }),
        }),
        phase: 'unsupported',
        detail: 'This is an Autopilot cluster.',
      },
      {
        name: 'unsupported: no COS node (Ubuntu and Windows only)',
        snapshot: snapshot({
          nodes: [
            UBUNTU,
            node('gke-prod-win-pool-1a2b3c4d-eeee', {
              pool: 'win-pool',
              os: 'windows',
            }),
          ],
        }),
        phase: 'unsupported',
        detail: 'None of its nodes runs Container-Optimized OS.',
      },
    ])('$name', ({ snapshot: input, phase, detail }) => {
      const status = computeClusterStatus(input);
      expect(status.phase).toBe(phase);
      expect(status.message.startsWith(ROLLOUT_PHASE_DESCRIPTIONS[phase])).toBe(
        true,
      );
      const rest = status.message
        .slice(ROLLOUT_PHASE_DESCRIPTIONS[phase].length)
        .trim();
      const exactly = (text: string) =>
        new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
      expect(rest).toMatch(
        detail instanceof RegExp ? detail : exactly(detail ?? ''),
      );
    });
  });

  it('is unsupported for a node labelled Autopilot, whatever its name', () => {
    const labelled = node('gke-something-1a2b3c4d-aaaa', {
      labels: { 'cloud.google.com/gke-autopilot': 'true' },
    });
    expect(isAutopilot([labelled])).toBe(true);
    expect(isAutopilot(NODES)).toBe(false);
    expect(computeClusterStatus(snapshot({ nodes: [labelled] })).phase).toBe(
      'unsupported',
    );
  });

  describe('coverage', () => {
    it.each<{
      name: string;
      snapshot: ClusterSnapshot;
      coverage: { covered: number; eligible: number; total: number };
    }>([
      {
        name: 'nothing installed',
        snapshot: snapshot({ nodes: NODES }),
        coverage: { covered: 0, eligible: 3, total: 4 },
      },
      {
        name: 'active: the Ubuntu node counts in total only',
        snapshot: snapshot({
          nodes: NODES,
          loggingDaemonSet: loggingDaemonSet(),
          loggingPods: readyPods(),
        }),
        coverage: { covered: 3, eligible: 3, total: 4 },
      },
      {
        name: 'rolling out',
        snapshot: snapshot({
          nodes: NODES,
          loggingDaemonSet: loggingDaemonSet({ ready: 1 }),
          loggingPods: [pod(DEFAULT_B, 'ready'), pod(DEFAULT_C, 'starting')],
        }),
        coverage: { covered: 1, eligible: 3, total: 4 },
      },
      {
        name: 'disabling covers nothing',
        snapshot: snapshot({
          nodes: NODES,
          disableDaemonSet,
          disablePods: [
            pod(DEFAULT_B, 'ready', {
              daemonSet: COS_AUDITD_OBJECTS.disableDaemonSet,
              initMessage: 'disabled',
            }),
          ],
        }),
        coverage: { covered: 0, eligible: 3, total: 4 },
      },
    ])('$name', ({ snapshot: input, coverage }) => {
      expect(computeClusterStatus(input).coverage).toEqual(coverage);
    });
  });

  describe('daemonSet summary', () => {
    it('copies the DaemonSet status counters and generations', () => {
      const status = computeClusterStatus(
        snapshot({
          nodes: NODES,
          loggingDaemonSet: loggingDaemonSet({
            desired: 3,
            current: 3,
            ready: 2,
            updated: 1,
            available: 2,
            misscheduled: 1,
            generation: 4,
            observedGeneration: 3,
          }),
        }),
      );
      expect(status.daemonSet).toEqual({
        name: 'cos-auditd-logging',
        desired: 3,
        current: 3,
        ready: 2,
        updated: 1,
        available: 2,
        misscheduled: 1,
        generation: 4,
        observedGeneration: 3,
      });
    });

    it('reads a DaemonSet the controller has not written a status for as zeros', () => {
      const fresh = structuredClone(manifest.daemonSet);
      delete fresh.status;
      const status = computeClusterStatus(
        snapshot({ nodes: NODES, loggingDaemonSet: fresh }),
      );
      expect(status.daemonSet).toEqual({
        name: 'cos-auditd-logging',
        desired: 0,
        current: 0,
        ready: 0,
        updated: 0,
        available: 0,
        misscheduled: 0,
        generation: 0,
        observedGeneration: 0,
      });
      expect(status.phase).toBe('rolling-out');
    });

    it('is null without the logging DaemonSet', () => {
      expect(
        computeClusterStatus(snapshot({ nodes: NODES })).daemonSet,
      ).toBeNull();
    });
  });

  describe('agent', () => {
    const fluentBitConfigMap = manifest.configMap;
    it.each<{
      name: string;
      snapshot: Partial<ClusterSnapshot>;
      agent: 'fluent-bit' | 'fluentd-legacy' | null;
    }>([
      { name: 'nothing installed', snapshot: {}, agent: null },
      {
        name: 'the fluent-bit DaemonSet',
        snapshot: { loggingDaemonSet: loggingDaemonSet() },
        agent: 'fluent-bit',
      },
      {
        name: 'the legacy fluentd DaemonSet',
        snapshot: { loggingDaemonSet: legacyDaemonSet(), legacyConfigMap },
        agent: 'fluentd-legacy',
      },
      {
        name: 'the legacy DaemonSet, even next to a fluent-bit ConfigMap',
        snapshot: {
          loggingDaemonSet: legacyDaemonSet(),
          fluentBitConfigMap,
          legacyConfigMap,
        },
        agent: 'fluentd-legacy',
      },
      {
        name: 'only the fluent-bit ConfigMap left',
        snapshot: { fluentBitConfigMap },
        agent: 'fluent-bit',
      },
      {
        name: 'only the legacy ConfigMap left',
        snapshot: { legacyConfigMap },
        agent: 'fluentd-legacy',
      },
      {
        name: 'both ConfigMaps, no DaemonSet',
        snapshot: { fluentBitConfigMap, legacyConfigMap },
        agent: 'fluent-bit',
      },
    ])('$name: $agent', ({ snapshot: overrides, agent }) => {
      expect(
        computeClusterStatus(snapshot({ nodes: NODES, ...overrides })).agent,
      ).toBe(agent);
    });

    it('is active on the legacy agent when its pods are ready', () => {
      const status = computeClusterStatus(
        snapshot({
          nodes: NODES,
          loggingDaemonSet: legacyDaemonSet(),
          loggingPods: readyPods(),
          legacyConfigMap,
        }),
      );
      expect(status).toMatchObject({
        phase: 'active',
        agent: 'fluentd-legacy',
      });
    });
  });

  describe('nodes', () => {
    it('lists every node by pool then name, COS nodes with their pod, Ubuntu not covered', () => {
      const status = computeClusterStatus(
        snapshot({
          nodes: [UBUNTU, ...COS_NODES].reverse(),
          loggingDaemonSet: loggingDaemonSet({ ready: 2 }),
          loggingPods: [
            pod(DEFAULT_B, 'ready', { restarts: 1 }),
            pod(DEFAULT_C, 'ready'),
            pod(ARM, 'initializing'),
          ],
        }),
      );
      expect(status.nodes.map(n => [n.pool, n.name])).toEqual([
        ['arm-pool', ARM],
        ['default-pool', DEFAULT_B],
        ['default-pool', DEFAULT_C],
        ['ubuntu-pool', UBUNTU.metadata!.name],
      ]);
      const byName = new Map(status.nodes.map(n => [n.name, n]));
      expect(byName.get(DEFAULT_B)).toEqual({
        name: DEFAULT_B,
        pool: 'default-pool',
        osImage: 'Container-Optimized OS from Google',
        cos: true,
        covered: true,
        pod: {
          name: `cos-auditd-logging-${DEFAULT_B.slice(-4)}`,
          phase: 'Running',
          ready: true,
          restarts: 1,
        },
      });
      expect(byName.get(ARM)).toMatchObject({
        cos: true,
        covered: false,
        pod: { phase: 'Pending', ready: false },
      });
      expect(byName.get(UBUNTU.metadata!.name!)).toEqual({
        name: UBUNTU.metadata!.name,
        pool: 'ubuntu-pool',
        osImage: 'Ubuntu 22.04.4 LTS',
        cos: false,
        covered: false,
        reason:
          'Ubuntu node: the DaemonSet runs only on Container-Optimized OS',
      });
    });

    it.each<{
      name: string;
      shape: PodShape;
      restarts?: number;
      initRestarts?: number;
      pod: { phase: string; ready: boolean; restarts: number; reason?: string };
      reason?: string;
    }>([
      {
        name: 'ready',
        shape: 'ready',
        pod: { phase: 'Running', ready: true, restarts: 0 },
      },
      {
        name: 'image pull back-off',
        shape: 'image-pull-backoff',
        pod: {
          phase: 'Pending',
          ready: false,
          restarts: 0,
          reason: 'ImagePullBackOff',
        },
        reason: 'Agent pod not ready: ImagePullBackOff',
      },
      {
        name: 'crash loop, restarts counted',
        shape: 'crash-loop',
        restarts: 7,
        pod: {
          phase: 'Running',
          ready: false,
          restarts: 7,
          reason: 'CrashLoopBackOff',
        },
        reason: 'Agent pod not ready: CrashLoopBackOff',
      },
      {
        name: 'init container crash loop, init restarts counted',
        shape: 'init-crash-loop',
        initRestarts: 3,
        pod: {
          phase: 'Pending',
          ready: false,
          restarts: 3,
          reason: 'Init:CrashLoopBackOff',
        },
        reason: 'Agent pod not ready: Init:CrashLoopBackOff',
      },
      {
        name: 'init container exited non-zero',
        shape: 'init-error',
        pod: {
          phase: 'Pending',
          ready: false,
          restarts: 0,
          reason: 'Init:Error',
        },
        reason: 'Agent pod not ready: Init:Error',
      },
      {
        name: 'running, not ready yet',
        shape: 'starting',
        pod: { phase: 'Running', ready: false, restarts: 0 },
        reason: 'Agent pod starting',
      },
    ])(
      'reports the pod state: $name',
      ({ shape, restarts, initRestarts, pod: expected, reason }) => {
        const status = computeClusterStatus(
          snapshot({
            nodes: [COS_NODES[0]],
            loggingDaemonSet: loggingDaemonSet({ desired: 1 }),
            loggingPods: [pod(DEFAULT_B, shape, { restarts, initRestarts })],
          }),
        );
        const [only] = status.nodes;
        expect(only.pod).toEqual({
          name: `cos-auditd-logging-${DEFAULT_B.slice(-4)}`,
          ...expected,
        });
        expect(only.covered).toBe(expected.ready);
        expect(only.reason).toBe(reason);
      },
    );

    it.each<{
      name: string;
      snapshot: Partial<ClusterSnapshot>;
      reason: string;
    }>([
      {
        name: 'not installed',
        snapshot: {},
        reason: 'Audit logging is not installed',
      },
      {
        name: 'installed, no pod on the node yet',
        snapshot: { loggingDaemonSet: loggingDaemonSet() },
        reason: 'No agent pod yet',
      },
      {
        name: 'disabling, no disable pod on the node yet',
        snapshot: { disableDaemonSet },
        reason: 'Disable pod not started yet',
      },
    ])(
      'says why a COS node without a pod is not covered: $name',
      ({ snapshot: overrides, reason }) => {
        const status = computeClusterStatus(
          snapshot({ nodes: COS_NODES, ...overrides }),
        );
        expect(status.nodes.map(n => n.reason)).toEqual([
          reason,
          reason,
          reason,
        ]);
        expect(status.nodes.every(n => !n.covered && n.pod === undefined)).toBe(
          true,
        );
      },
    );

    it('covers no node while disabling, and says what each disable pod reported', () => {
      const status = computeClusterStatus(
        snapshot({
          nodes: COS_NODES,
          disableDaemonSet,
          disablePods: [
            pod(DEFAULT_B, 'ready', {
              daemonSet: COS_AUDITD_OBJECTS.disableDaemonSet,
              initMessage: 'disabled',
            }),
            pod(DEFAULT_C, 'ready', {
              daemonSet: COS_AUDITD_OBJECTS.disableDaemonSet,
              initMessage: 'locked',
            }),
          ],
        }),
      );
      // Sorted by pool, then name.
      expect(status.nodes.map(n => [n.name, n.covered, n.reason])).toEqual([
        [ARM, false, 'Disable pod not started yet'],
        [DEFAULT_B, false, 'Audit logging is off on this node.'],
        [DEFAULT_C, false, expect.stringMatching(/locked/)],
      ]);
    });

    it('ignores agent pods on nodes it does not list', () => {
      const status = computeClusterStatus(
        snapshot({
          nodes: [COS_NODES[0]],
          loggingDaemonSet: loggingDaemonSet({ desired: 1 }),
          loggingPods: [
            pod(DEFAULT_B, 'ready'),
            pod('gke-gone-node-1a2b3c4d-xxxx', 'crash-loop'),
          ],
        }),
      );
      expect(status.phase).toBe('active');
      expect(status.nodes).toHaveLength(1);
    });
  });
});
