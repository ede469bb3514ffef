import { podStatus, PodProgress, PodStage } from './podStatus';

const spec = {
  initContainers: [{ name: 'setup', image: 'ubuntu' }],
  containers: [{ name: 'agent', image: 'fluent/fluent-bit:3.1' }],
};

type ObservedContainer = {
  image: string;
  state: {
    running?: { startedAt?: string };
    waiting?: { reason: string };
    terminated?: Record<string, unknown>;
  };
};

type ObservedStatus = {
  phase: string;
  conditions: Array<{ type: string; status: string }>;
  initContainerStatuses: ObservedContainer[];
  containerStatuses: ObservedContainer[];
};

function statusAt(stage: PodStage, extra: Partial<PodProgress> = {}) {
  return podStatus({
    podName: 'agent-abcde',
    spec,
    hostIP: '10.128.0.2',
    progress: {
      stage,
      restarts: 0,
      initRestarts: 0,
      startedAt: '2026-01-01T00:00:00Z',
      ...extra,
    },
  }) as unknown as ObservedStatus;
}

describe('podStatus', () => {
  it('is Pending with the init container running during init', () => {
    const status = statusAt('init-running', {
      initStartedAt: '2026-01-01T00:00:01Z',
    });

    expect(status.phase).toBe('Pending');
    expect(status.initContainerStatuses[0].state).toEqual({
      running: { startedAt: '2026-01-01T00:00:01Z' },
    });
    expect(status.containerStatuses[0].state.waiting?.reason).toBe(
      'PodInitializing',
    );
  });

  it('is Running and Ready with the init container completed and its message kept', () => {
    const status = statusAt('ready', { initMessage: 'disabled' });

    expect(status.phase).toBe('Running');
    expect(status.conditions.map(c => `${c.type}=${c.status}`)).toEqual([
      'PodReadyToStartContainers=True',
      'Initialized=True',
      'Ready=True',
      'ContainersReady=True',
      'PodScheduled=True',
    ]);
    expect(status.initContainerStatuses[0].state.terminated).toMatchObject({
      exitCode: 0,
      reason: 'Completed',
      message: 'disabled',
    });
  });

  it('reports images with their registry and tag, as the kubelet does', () => {
    const status = statusAt('ready');

    expect(status.initContainerStatuses[0].image).toBe(
      'docker.io/library/ubuntu:latest',
    );
    expect(status.containerStatuses[0].image).toBe(
      'docker.io/fluent/fluent-bit:3.1',
    );
  });

  it('shows ImagePullBackOff on the main container with the pod Pending', () => {
    const status = statusAt('image-backoff');

    expect(status.phase).toBe('Pending');
    expect(status.containerStatuses[0].state.waiting?.reason).toBe(
      'ImagePullBackOff',
    );
  });
});
