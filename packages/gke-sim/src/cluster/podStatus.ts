import { isJsonObject, JsonObject } from '../kube';

/** Where a simulated pod is in its life, including the failure loops. */
export type PodStage =
  | 'pending'
  | 'init-running'
  | 'init-error'
  | 'init-backoff'
  | 'image-pull-error'
  | 'image-backoff'
  | 'running'
  | 'crash-backoff'
  | 'ready';

/** What the kubelet would know about a pod, from which its status is written. */
export type PodProgress = {
  stage: PodStage;
  /** Restarts of the main containers (crash loops). */
  restarts: number;
  /** Restarts of the init containers (init errors). */
  initRestarts: number;
  startedAt: string;
  initStartedAt?: string;
  initFinishedAt?: string;
  mainStartedAt?: string;
  readyAt?: string;
  /** Image pulls tried while a pull fault lasts (for the back-off). */
  pullAttempts?: number;
  /** The first init container's termination message, e.g. `disabled`. */
  initMessage?: string;
};

type Container = { name: string; image?: string };

const PENDING_STAGES: PodStage[] = [
  'pending',
  'init-running',
  'init-error',
  'init-backoff',
  'image-pull-error',
  'image-backoff',
];
const INIT_STAGES: PodStage[] = [
  'pending',
  'init-running',
  'init-error',
  'init-backoff',
];

/** Whether the stage has finished the init containers. */
export function isInitialized(stage: PodStage): boolean {
  return !INIT_STAGES.includes(stage);
}

/** Whether the stage is one of the failure loops that faults cause. */
export function isFailing(stage: PodStage): boolean {
  return [
    'init-error',
    'init-backoff',
    'image-pull-error',
    'image-backoff',
    'crash-backoff',
  ].includes(stage);
}

/**
 * The `status` of a pod at a stage, shaped like the kubelet writes it:
 * phase, conditions, and init and main container statuses with the waiting
 * reasons (`PodInitializing`, `ErrImagePull`, `ImagePullBackOff`,
 * `CrashLoopBackOff`) and terminated states that clients read.
 */
export function podStatus(options: {
  podName: string;
  spec: JsonObject;
  progress: PodProgress;
  hostIP: string;
}): JsonObject {
  const { podName, spec, progress, hostIP } = options;
  const { stage } = progress;
  const initContainers = containersOf(spec.initContainers);
  const containers = containersOf(spec.containers);
  const initialized = isInitialized(stage);
  const ready = stage === 'ready';
  const podIP = spec.hostNetwork === true ? hostIP : podAddress(podName);

  const initialisedAt = progress.initFinishedAt ?? progress.startedAt;
  const conditions = [
    condition(
      'PodReadyToStartContainers',
      stage !== 'pending',
      progress.initStartedAt ?? progress.startedAt,
    ),
    initialized
      ? condition('Initialized', true, initialisedAt)
      : condition(
          'Initialized',
          false,
          progress.startedAt,
          'ContainersNotInitialized',
          `containers with incomplete status: [${initContainers
            .map(c => c.name)
            .join(' ')}]`,
        ),
    ...['Ready', 'ContainersReady'].map(type =>
      ready
        ? condition(type, true, progress.readyAt ?? progress.startedAt)
        : condition(
            type,
            false,
            progress.startedAt,
            'ContainersNotReady',
            `containers with unready status: [${containers
              .map(c => c.name)
              .join(' ')}]`,
          ),
    ),
    condition('PodScheduled', true, progress.startedAt),
  ];

  return {
    phase: PENDING_STAGES.includes(stage) ? 'Pending' : 'Running',
    conditions,
    hostIP,
    hostIPs: [{ ip: hostIP }],
    ...(stage !== 'pending' ? { podIP, podIPs: [{ ip: podIP }] } : {}),
    startTime: progress.startedAt,
    ...(initContainers.length > 0
      ? {
          initContainerStatuses: initContainers.map((c, i) =>
            initContainerStatus(c, i, podName, progress),
          ),
        }
      : {}),
    containerStatuses: containers.map(c =>
      mainContainerStatus(c, podName, progress),
    ),
    qosClass: 'Burstable',
  };
}

function initContainerStatus(
  container: Container,
  index: number,
  podName: string,
  progress: PodProgress,
): JsonObject {
  const { stage } = progress;
  const failed = {
    terminated: {
      exitCode: 1,
      reason: 'Error',
      startedAt: progress.initStartedAt,
      finishedAt: progress.initFinishedAt ?? progress.initStartedAt,
      containerID: containerId(podName, container.name),
    },
  };
  let state: JsonObject;
  let lastState: JsonObject = progress.initRestarts > 0 ? failed : {};
  if (stage === 'pending') {
    state = { waiting: { reason: 'PodInitializing' } };
  } else if (stage === 'init-running') {
    state = { running: { startedAt: progress.initStartedAt } };
  } else if (stage === 'init-error') {
    state = failed;
  } else if (stage === 'init-backoff') {
    state = {
      waiting: {
        reason: 'CrashLoopBackOff',
        message: `back-off 10s restarting failed container=${container.name} pod=${podName}`,
      },
    };
    lastState = failed;
  } else {
    state = {
      terminated: {
        exitCode: 0,
        reason: 'Completed',
        ...(index === 0 && progress.initMessage
          ? { message: progress.initMessage }
          : {}),
        startedAt: progress.initStartedAt,
        finishedAt: progress.initFinishedAt,
        containerID: containerId(podName, container.name),
      },
    };
  }
  const started = stage === 'init-running';
  return containerStatus(container, podName, {
    ready: isInitialized(stage),
    started,
    restartCount: progress.initRestarts,
    state,
    lastState,
    pulled: stage !== 'pending',
  });
}

function mainContainerStatus(
  container: Container,
  podName: string,
  progress: PodProgress,
): JsonObject {
  const { stage } = progress;
  const crashed = {
    terminated: {
      exitCode: 1,
      reason: 'Error',
      startedAt: progress.mainStartedAt,
      finishedAt: progress.mainStartedAt,
      containerID: containerId(podName, container.name),
    },
  };
  let state: JsonObject;
  let pulled = true;
  switch (stage) {
    case 'image-pull-error':
      pulled = false;
      state = {
        waiting: {
          reason: 'ErrImagePull',
          message: `failed to pull and unpack image "${container.image}": failed to resolve reference "${container.image}": not found`,
        },
      };
      break;
    case 'image-backoff':
      pulled = false;
      state = {
        waiting: {
          reason: 'ImagePullBackOff',
          message: `Back-off pulling image "${container.image}"`,
        },
      };
      break;
    case 'running':
    case 'ready':
      state = { running: { startedAt: progress.mainStartedAt } };
      break;
    case 'crash-backoff':
      state = {
        waiting: {
          reason: 'CrashLoopBackOff',
          message: `back-off 10s restarting failed container=${container.name} pod=${podName}`,
        },
      };
      break;
    default:
      pulled = false;
      state = { waiting: { reason: 'PodInitializing' } };
  }
  return containerStatus(container, podName, {
    ready: stage === 'ready',
    started: stage === 'running' || stage === 'ready',
    restartCount: progress.restarts,
    state,
    lastState: progress.restarts > 0 ? crashed : {},
    pulled,
  });
}

function containerStatus(
  container: Container,
  podName: string,
  options: {
    ready: boolean;
    started: boolean;
    restartCount: number;
    state: JsonObject;
    lastState: JsonObject;
    pulled: boolean;
  },
): JsonObject {
  const image = container.image ?? '';
  return {
    name: container.name,
    image: qualifiedImage(image),
    imageID: options.pulled
      ? `${qualifiedImage(image).replace(/:[^/:]+$/, '')}@sha256:${digest(
          image,
        )}`
      : '',
    ...(options.pulled
      ? { containerID: containerId(podName, container.name) }
      : {}),
    ready: options.ready,
    started: options.started,
    restartCount: options.restartCount,
    state: options.state,
    lastState: options.lastState,
  };
}

/** `fluent/fluent-bit` -> `docker.io/fluent/fluent-bit:latest`, as the kubelet reports images. */
function qualifiedImage(image: string): string {
  const [first] = image.split('/');
  const hasRegistry =
    image.includes('/') &&
    (first.includes('.') || first.includes(':') || first === 'localhost');
  let qualified = image;
  if (!hasRegistry) {
    qualified = image.includes('/')
      ? `docker.io/${image}`
      : `docker.io/library/${image}`;
  }
  const lastPart = qualified.split('/').pop() ?? '';
  return lastPart.includes(':') || lastPart.includes('@')
    ? qualified
    : `${qualified}:latest`;
}

function condition(
  type: string,
  ok: boolean,
  at: string,
  reason?: string,
  message?: string,
): JsonObject {
  return {
    type,
    status: ok ? 'True' : 'False',
    lastProbeTime: null,
    lastTransitionTime: at,
    ...(reason ? { reason } : {}),
    ...(message ? { message } : {}),
  };
}

function containersOf(value: unknown): Container[] {
  return Array.isArray(value)
    ? value.filter(isJsonObject).map(c => ({
        name: String(c.name),
        image: typeof c.image === 'string' ? c.image : undefined,
      }))
    : [];
}

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) {
    h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  }
  return h >>> 0;
}

function digest(text: string): string {
  return hash(text).toString(16).padStart(8, '0').repeat(8);
}

function containerId(podName: string, container: string): string {
  return `containerd://${digest(`${podName}/${container}`)}`;
}

function podAddress(podName: string): string {
  const h = hash(podName);
  return `10.${64 + ((h >>> 16) & 63)}.${(h >>> 8) & 255}.${(h & 253) + 2}`;
}
