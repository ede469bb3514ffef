import { V1Node, V1Pod, V1PodStatus } from '@kubernetes/client-node';
import {
  isCosNode,
  isFailing,
  nodeStatuses,
  podState,
  podsByNode,
  poolOf,
} from './nodeCoverage';

/** A GKE node with the labels GKE sets; `distribution: null` leaves the OS label out. */
function node(
  name: string,
  options: {
    pool?: string | null;
    distribution?: string | null;
    os?: string;
    osImage?: string;
  } = {},
): V1Node {
  const { pool = 'default-pool', distribution = 'cos', os = 'linux' } = options;
  const zone = 'europe-west1-b';
  return {
    metadata: {
      name,
      labels: {
        ...(pool === null ? {} : { 'cloud.google.com/gke-nodepool': pool }),
        ...(distribution === null
          ? {}
          : { 'cloud.google.com/gke-os-distribution': distribution }),
        'kubernetes.io/os': os,
        'topology.kubernetes.io/zone': zone,
      },
    },
    spec: { providerID: `gce://demo-project/${zone}/${name}` },
    status: {
      nodeInfo: {
        osImage: options.osImage ?? 'Container-Optimized OS from Google',
        architecture: 'amd64',
        bootID: '',
        containerRuntimeVersion: 'containerd://1.7.24',
        kernelVersion: '6.6.72+',
        kubeProxyVersion: 'v1.32.4-gke.1106006',
        kubeletVersion: 'v1.32.4-gke.1106006',
        machineID: '',
        operatingSystem: os,
        systemUUID: '',
      },
    },
  };
}

/** A pod on `nodeName` with the given status. */
function pod(
  nodeName: string | undefined,
  status: V1PodStatus,
  name = 'agent',
): V1Pod {
  return {
    metadata: {
      name,
      namespace: 'cos-auditd',
      labels: { name: 'cos-auditd-logging' },
    },
    spec: {
      ...(nodeName ? { nodeName } : {}),
      containers: [{ name: 'cos-auditd-fluent-bit' }],
    },
    status,
  };
}

const container = (
  ready: boolean,
  state: Record<string, unknown> = ready ? { running: {} } : {},
  restartCount = 0,
) => ({
  name: 'cos-auditd-fluent-bit',
  image: 'fluent-bit',
  imageID: '',
  ready,
  restartCount,
  state,
});

const init = (state: Record<string, unknown>, restartCount = 0) => ({
  name: 'cos-auditd-setup',
  image: 'setup',
  imageID: '',
  ready: 'terminated' in state,
  restartCount,
  state,
});

const completed = init({ terminated: { exitCode: 0, reason: 'Completed' } });

const READY: V1PodStatus = {
  phase: 'Running',
  conditions: [{ type: 'Ready', status: 'True' }],
  initContainerStatuses: [completed],
  containerStatuses: [container(true)],
};

describe('nodeStatuses', () => {
  it.each<{
    name: string;
    node: V1Node;
    pod?: V1PodStatus;
    covered: boolean;
    reason?: string;
    cos: boolean;
  }>([
    {
      name: 'COS node with a ready agent pod',
      node: node('cos-ready'),
      pod: READY,
      cos: true,
      covered: true,
    },
    {
      name: 'COS node without an agent pod',
      node: node('cos-no-pod'),
      cos: true,
      covered: false,
      reason: 'No agent pod yet',
    },
    {
      name: 'COS node whose pod is scheduled, nothing started',
      node: node('cos-pending'),
      pod: { phase: 'Pending' },
      cos: true,
      covered: false,
      reason: 'Agent pod starting',
    },
    {
      name: 'COS node whose pod waits on its init container',
      node: node('cos-init'),
      pod: {
        phase: 'Pending',
        initContainerStatuses: [init({ running: {} })],
        containerStatuses: [
          container(false, { waiting: { reason: 'PodInitializing' } }),
        ],
      },
      cos: true,
      covered: false,
      reason: 'Agent pod not ready: PodInitializing',
    },
    {
      name: 'COS node whose image cannot be pulled',
      node: node('cos-pull'),
      pod: {
        phase: 'Pending',
        initContainerStatuses: [completed],
        containerStatuses: [
          container(false, { waiting: { reason: 'ErrImagePull' } }),
        ],
      },
      cos: true,
      covered: false,
      reason: 'Agent pod not ready: ErrImagePull',
    },
    {
      name: 'COS node whose containers are ready but the pod is not (readiness gate)',
      node: node('cos-gate'),
      pod: {
        phase: 'Running',
        conditions: [{ type: 'Ready', status: 'False' }],
        initContainerStatuses: [completed],
        containerStatuses: [container(true)],
      },
      cos: true,
      covered: false,
      reason: 'Agent pod starting',
    },
    {
      name: 'Ubuntu node',
      node: node('ubuntu', {
        distribution: 'ubuntu',
        osImage: 'Ubuntu 22.04.4 LTS',
      }),
      pod: READY,
      cos: false,
      covered: false,
      reason: 'Ubuntu node: the DaemonSet runs only on Container-Optimized OS',
    },
    {
      name: 'Windows node (GKE labels it windows_ltsc)',
      node: node('windows', { distribution: 'windows_ltsc', os: 'windows' }),
      cos: false,
      covered: false,
      reason: 'Windows node: the DaemonSet runs only on Container-Optimized OS',
    },
    {
      name: 'node without the OS distribution label',
      node: node('unlabelled', { distribution: null }),
      cos: false,
      covered: false,
      reason:
        'Unknown OS node: the DaemonSet runs only on Container-Optimized OS',
    },
    {
      name: 'node of another distribution',
      node: node('other', { distribution: 'rhel' }),
      cos: false,
      covered: false,
      reason: 'rhel node: the DaemonSet runs only on Container-Optimized OS',
    },
  ])('$name', ({ node: input, pod: status, cos, covered, reason }) => {
    const name = input.metadata!.name!;
    const pods = podsByNode(status ? [pod(name, status)] : []);
    const [result] = nodeStatuses([input], pods, 'No agent pod yet');
    expect(result.name).toBe(name);
    expect(result.cos).toBe(cos);
    expect(result.covered).toBe(covered);
    expect(result.reason).toBe(reason);
    expect(result.pod !== undefined).toBe(cos && status !== undefined);
  });

  it('says what it is told when a COS node has no pod', () => {
    const [result] = nodeStatuses(
      [node('a')],
      new Map(),
      'Audit logging is not installed',
    );
    expect(result).toEqual({
      name: 'a',
      pool: 'default-pool',
      osImage: 'Container-Optimized OS from Google',
      cos: true,
      covered: false,
      reason: 'Audit logging is not installed',
    });
  });

  it('sorts by pool, then by name; a node without a pool label sorts first', () => {
    const statuses = nodeStatuses(
      [
        node('b-2', { pool: 'b-pool' }),
        node('a-2', { pool: 'a-pool' }),
        node('b-1', { pool: 'b-pool' }),
        node('loose', { pool: null }),
        node('a-1', { pool: 'a-pool' }),
      ],
      new Map(),
      'none',
    );
    expect(statuses.map(s => `${s.pool}/${s.name}`)).toEqual([
      '/loose',
      'a-pool/a-1',
      'a-pool/a-2',
      'b-pool/b-1',
      'b-pool/b-2',
    ]);
  });
});

describe('podState', () => {
  it.each<{
    name: string;
    status: V1PodStatus;
    expected: ReturnType<typeof podState>;
  }>([
    {
      name: 'ready',
      status: READY,
      expected: { name: 'agent', phase: 'Running', ready: true, restarts: 0 },
    },
    {
      name: 'no status yet',
      status: {},
      expected: { name: 'agent', phase: 'Unknown', ready: false, restarts: 0 },
    },
    {
      name: 'image pull back-off',
      status: {
        phase: 'Pending',
        containerStatuses: [
          container(false, { waiting: { reason: 'ImagePullBackOff' } }),
        ],
      },
      expected: {
        name: 'agent',
        phase: 'Pending',
        ready: false,
        restarts: 0,
        reason: 'ImagePullBackOff',
      },
    },
    {
      name: 'crash loop: restarts of main and init containers add up',
      status: {
        phase: 'Running',
        initContainerStatuses: [init({ terminated: { exitCode: 0 } }, 1)],
        containerStatuses: [
          container(false, { waiting: { reason: 'CrashLoopBackOff' } }, 5),
        ],
      },
      expected: {
        name: 'agent',
        phase: 'Running',
        ready: false,
        restarts: 6,
        reason: 'CrashLoopBackOff',
      },
    },
    {
      name: 'init container waiting: prefixed like kubectl',
      status: {
        phase: 'Pending',
        initContainerStatuses: [
          init({ waiting: { reason: 'ImagePullBackOff' } }),
        ],
        containerStatuses: [
          container(false, { waiting: { reason: 'PodInitializing' } }),
        ],
      },
      expected: {
        name: 'agent',
        phase: 'Pending',
        ready: false,
        restarts: 0,
        reason: 'Init:ImagePullBackOff',
      },
    },
    {
      name: 'init container waiting with the prefix already',
      status: {
        phase: 'Pending',
        initContainerStatuses: [
          init({ waiting: { reason: 'Init:CrashLoopBackOff' } }, 2),
        ],
      },
      expected: {
        name: 'agent',
        phase: 'Pending',
        ready: false,
        restarts: 2,
        reason: 'Init:CrashLoopBackOff',
      },
    },
    {
      name: 'init container failed',
      status: {
        phase: 'Pending',
        initContainerStatuses: [
          init({ terminated: { exitCode: 1, reason: 'Error' } }),
        ],
        containerStatuses: [
          container(false, { waiting: { reason: 'PodInitializing' } }),
        ],
      },
      expected: {
        name: 'agent',
        phase: 'Pending',
        ready: false,
        restarts: 0,
        reason: 'Init:Error',
      },
    },
    {
      name: 'pod failed with a pod-level reason',
      status: {
        phase: 'Failed',
        reason: 'Evicted',
        containerStatuses: [container(false)],
      },
      expected: {
        name: 'agent',
        phase: 'Failed',
        ready: false,
        restarts: 0,
        reason: 'Evicted',
      },
    },
    {
      name: 'a ready pod keeps no reason',
      status: { ...READY, reason: 'Whatever' },
      expected: { name: 'agent', phase: 'Running', ready: true, restarts: 0 },
    },
  ])('$name', ({ status, expected }) => {
    expect(podState(pod('n', status))).toEqual(expected);
  });
});

describe('isFailing', () => {
  const state = (phase: string, reason?: string) => ({
    name: 'p',
    phase,
    ready: false,
    restarts: 0,
    ...(reason ? { reason } : {}),
  });

  it.each<{ phase: string; reason?: string; failing: boolean }>([
    { phase: 'Pending', reason: 'ImagePullBackOff', failing: true },
    { phase: 'Pending', reason: 'ErrImagePull', failing: true },
    { phase: 'Running', reason: 'CrashLoopBackOff', failing: true },
    { phase: 'Pending', reason: 'CreateContainerConfigError', failing: true },
    { phase: 'Pending', reason: 'CreateContainerError', failing: true },
    { phase: 'Pending', reason: 'InvalidImageName', failing: true },
    { phase: 'Pending', reason: 'Init:Error', failing: true },
    { phase: 'Pending', reason: 'Init:CrashLoopBackOff', failing: true },
    { phase: 'Pending', reason: 'Init:ImagePullBackOff', failing: true },
    { phase: 'Pending', reason: 'Init:ErrImagePull', failing: true },
    { phase: 'Failed', failing: true },
    { phase: 'Failed', reason: 'Evicted', failing: true },
    { phase: 'Pending', failing: false },
    { phase: 'Pending', reason: 'ContainerCreating', failing: false },
    { phase: 'Pending', reason: 'PodInitializing', failing: false },
    { phase: 'Pending', reason: 'Init:PodInitializing', failing: false },
    { phase: 'Running', failing: false },
  ])('$phase $reason: $failing', ({ phase, reason, failing }) => {
    expect(isFailing(state(phase, reason))).toBe(failing);
  });
});

describe('node and pod helpers', () => {
  it('tells COS nodes by the OS distribution label only', () => {
    expect(isCosNode(node('a'))).toBe(true);
    expect(isCosNode(node('b', { distribution: 'ubuntu' }))).toBe(false);
    expect(isCosNode(node('c', { distribution: null }))).toBe(false);
    expect(isCosNode({ metadata: { name: 'bare' } })).toBe(false);
  });

  it('reads the pool label, empty without one', () => {
    expect(poolOf(node('a', { pool: 'arm-pool' }))).toBe('arm-pool');
    expect(poolOf(node('b', { pool: null }))).toBe('');
  });

  it('indexes pods by node, skipping unscheduled ones', () => {
    const byNode = podsByNode([
      pod('n1', READY, 'p1'),
      pod(undefined, { phase: 'Pending' }, 'unscheduled'),
      pod('n2', READY, 'p2'),
    ]);
    expect(
      [...byNode.entries()].map(([n, p]) => [n, p.metadata?.name]),
    ).toEqual([
      ['n1', 'p1'],
      ['n2', 'p2'],
    ]);
  });
});
