import { V1ContainerState, V1Node, V1Pod } from '@kubernetes/client-node';
import { lockedNodeOutcomes, readNodeOutcomes } from './nodeOutcomes';

function node(name: string, pool: string, distribution = 'cos'): V1Node {
  const zone = 'europe-west1-b';
  return {
    metadata: {
      name,
      labels: {
        'cloud.google.com/gke-nodepool': pool,
        'cloud.google.com/gke-os-distribution': distribution,
        'topology.kubernetes.io/zone': zone,
      },
    },
    spec: { providerID: `gce://demo-project/${zone}/${name}` },
    status: {
      nodeInfo: {
        osImage:
          distribution === 'cos'
            ? 'Container-Optimized OS from Google'
            : 'Ubuntu 22.04.4 LTS',
        architecture: 'amd64',
        bootID: '',
        containerRuntimeVersion: 'containerd://1.7.24',
        kernelVersion: '6.6.72+',
        kubeProxyVersion: 'v1.32.4-gke.1106006',
        kubeletVersion: 'v1.32.4-gke.1106006',
        machineID: '',
        operatingSystem: 'linux',
        systemUUID: '',
      },
    },
  };
}

/** A disable pod whose init container is in `state` (and was in `lastState`). */
function disablePod(
  nodeName: string,
  state?: V1ContainerState,
  lastState?: V1ContainerState,
): V1Pod {
  return {
    metadata: {
      name: `cos-auditd-disable-${nodeName.slice(-4)}`,
      namespace: 'cos-auditd',
      labels: { name: 'cos-auditd-disable' },
    },
    spec: { nodeName, containers: [{ name: 'pause' }] },
    status: {
      phase: state?.terminated?.exitCode === 0 ? 'Running' : 'Pending',
      ...(state
        ? {
            initContainerStatuses: [
              {
                name: 'cos-auditd-disable',
                image: 'disable',
                imageID: '',
                ready: state.terminated?.exitCode === 0,
                restartCount: lastState ? 1 : 0,
                state,
                ...(lastState ? { lastState } : {}),
              },
            ],
          }
        : {}),
    },
  };
}

const finished = (message?: string): V1ContainerState => ({
  terminated: {
    exitCode: 0,
    reason: 'Completed',
    ...(message === undefined ? {} : { message }),
  },
});

const DEFAULT_A = 'gke-prod-default-pool-1a2b3c4d-aaaa';
const DEFAULT_B = 'gke-prod-default-pool-5e6f7a8b-bbbb';
const ARM_A = 'gke-prod-arm-pool-9c0d1e2f-cccc';
const ARM_B = 'gke-prod-arm-pool-9c0d1e2f-dddd';
const UBUNTU = 'gke-prod-ubuntu-pool-3a4b5c6d-eeee';

const NODES = [
  node(DEFAULT_A, 'default-pool'),
  node(DEFAULT_B, 'default-pool'),
  node(ARM_A, 'arm-pool'),
  node(ARM_B, 'arm-pool'),
  node(UBUNTU, 'ubuntu-pool', 'ubuntu'),
];

describe('readNodeOutcomes', () => {
  it.each<{
    name: string;
    pod?: V1Pod;
    outcome: 'disabled' | 'locked' | 'unknown';
    message: string;
  }>([
    {
      name: 'reported disabled',
      pod: disablePod(DEFAULT_A, finished('disabled')),
      outcome: 'disabled',
      message: 'Audit logging is off on this node.',
    },
    {
      name: 'reported locked',
      pod: disablePod(DEFAULT_A, finished('locked')),
      outcome: 'locked',
      message:
        'The kernel audit configuration is locked; it stays on until the node is recreated.',
    },
    {
      name: 'message with a trailing newline',
      pod: disablePod(DEFAULT_A, finished('disabled\n')),
      outcome: 'disabled',
      message: 'Audit logging is off on this node.',
    },
    {
      name: 'reported in the last state (init container restarted since)',
      pod: disablePod(DEFAULT_A, { running: {} }, finished('locked')),
      outcome: 'locked',
      message:
        'The kernel audit configuration is locked; it stays on until the node is recreated.',
    },
    {
      name: 'the script failed: its error output is the message',
      pod: disablePod(DEFAULT_A, {
        terminated: {
          exitCode: 1,
          reason: 'Error',
          message: 'auditctl could not turn auditing off\n',
        },
      }),
      outcome: 'unknown',
      message: 'The disable pod reported: auditctl could not turn auditing off',
    },
    {
      name: 'init container still running',
      pod: disablePod(DEFAULT_A, { running: {} }),
      outcome: 'unknown',
      message: 'The disable pod has not reported yet.',
    },
    {
      name: 'terminated without a message',
      pod: disablePod(DEFAULT_A, finished()),
      outcome: 'unknown',
      message: 'The disable pod has not reported yet.',
    },
    {
      name: 'pod without container statuses yet',
      pod: disablePod(DEFAULT_A),
      outcome: 'unknown',
      message: 'The disable pod has not reported yet.',
    },
    {
      name: 'no pod on the node',
      outcome: 'unknown',
      message: 'The disable pod has not reported yet.',
    },
  ])('$name: $outcome', ({ pod, outcome, message }) => {
    expect(
      readNodeOutcomes({
        nodes: [node(DEFAULT_A, 'default-pool')],
        disablePods: pod ? [pod] : [],
      }),
    ).toEqual([{ node: DEFAULT_A, pool: 'default-pool', outcome, message }]);
  });

  it('cuts a long message to 200 characters', () => {
    const long = 'x'.repeat(500);
    const [result] = readNodeOutcomes({
      nodes: [node(DEFAULT_A, 'default-pool')],
      disablePods: [
        disablePod(DEFAULT_A, { terminated: { exitCode: 1, message: long } }),
      ],
    });
    expect(result.message).toBe(`The disable pod reported: ${'x'.repeat(200)}`);
  });

  it('gives each COS node its own outcome, in node order, and skips other nodes', () => {
    const outcomes = readNodeOutcomes({
      nodes: NODES,
      disablePods: [
        disablePod(DEFAULT_A, finished('disabled')),
        disablePod(DEFAULT_B, finished('disabled')),
        disablePod(ARM_A, finished('locked')),
        disablePod(ARM_B, { running: {} }),
        // A pod on the Ubuntu node cannot exist (nodeSelector), nor count.
        disablePod(UBUNTU, finished('disabled')),
      ],
    });
    expect(outcomes.map(o => [o.node, o.pool, o.outcome])).toEqual([
      [DEFAULT_A, 'default-pool', 'disabled'],
      [DEFAULT_B, 'default-pool', 'disabled'],
      [ARM_A, 'arm-pool', 'locked'],
      [ARM_B, 'arm-pool', 'unknown'],
    ]);
  });

  it('is empty without COS nodes', () => {
    expect(
      readNodeOutcomes({
        nodes: [node(UBUNTU, 'ubuntu-pool', 'ubuntu')],
        disablePods: [],
      }),
    ).toEqual([]);
  });
});

describe('lockedNodeOutcomes', () => {
  it('leaves every COS node locked after stop-shipping, and no other node', () => {
    const message =
      'Shipping stopped; audit logging stays on until the node is recreated.';
    expect(lockedNodeOutcomes(NODES)).toEqual([
      { node: DEFAULT_A, pool: 'default-pool', outcome: 'locked', message },
      { node: DEFAULT_B, pool: 'default-pool', outcome: 'locked', message },
      { node: ARM_A, pool: 'arm-pool', outcome: 'locked', message },
      { node: ARM_B, pool: 'arm-pool', outcome: 'locked', message },
    ]);
  });

  it('is empty without COS nodes', () => {
    expect(lockedNodeOutcomes([node(UBUNTU, 'ubuntu-pool', 'ubuntu')])).toEqual(
      [],
    );
  });
});
