import { PoolFault, RolloutTiming } from '../config/types';
import { PodProgress, PodStage } from './podStatus';

/**
 * One step of a pod's life: where it goes from its current stage, given the
 * fault of its node's pool. Faults only bite at the step where they would in
 * a real cluster (init for InitError, image pull for ImagePullBackOff,
 * start-up for CrashLoopBackOff), and a cleared fault lets the next step
 * succeed.
 */
export function nextStage(
  stage: PodStage,
  fault: PoolFault | undefined,
  hasInitContainers: boolean,
): PodStage {
  const startMain = (): PodStage =>
    fault === 'ImagePullBackOff' ? 'image-pull-error' : 'running';
  switch (stage) {
    case 'pending':
      return hasInitContainers ? 'init-running' : startMain();
    case 'init-running':
      return fault === 'InitError' ? 'init-error' : startMain();
    case 'init-error':
      return 'init-backoff';
    case 'init-backoff':
      return 'init-running';
    case 'image-pull-error':
      return fault === 'ImagePullBackOff' ? 'image-backoff' : 'running';
    case 'image-backoff':
      return fault === 'ImagePullBackOff' ? 'image-pull-error' : 'running';
    case 'running':
    case 'ready':
      return fault === 'CrashLoopBackOff' ? 'crash-backoff' : 'ready';
    case 'crash-backoff':
      return 'running';
    default:
      return stage;
  }
}

/** The progress after entering `stage` at `now`: timestamps and restart counts. */
export function enterStage(
  progress: PodProgress,
  stage: PodStage,
  now: string,
): PodProgress {
  const next: PodProgress = { ...progress, stage };
  switch (stage) {
    case 'init-running':
      next.initStartedAt = now;
      break;
    case 'init-error':
      next.initFinishedAt = now;
      break;
    case 'init-backoff':
      next.initRestarts += 1;
      break;
    case 'image-pull-error':
    case 'image-backoff':
      next.initFinishedAt ??= now;
      next.pullAttempts = (progress.pullAttempts ?? 0) + 1;
      break;
    case 'running':
      if (progress.stage === 'init-running' || progress.stage === 'pending') {
        next.initFinishedAt = now;
      }
      next.initFinishedAt ??= now;
      next.mainStartedAt = now;
      break;
    case 'crash-backoff':
      next.restarts += 1;
      next.readyAt = undefined;
      break;
    case 'ready':
      next.readyAt = now;
      break;
    default:
      break;
  }
  return next;
}

/**
 * How long a pod stays at a stage before its next step; undefined when it
 * stays (Ready). Failure loops back off, like the kubelet, so a failing pool
 * of thousands of nodes does not flood the store with writes.
 */
export function dwellMs(
  progress: PodProgress,
  timing: RolloutTiming,
): number | undefined {
  const backoff = (step: number, attempts: number) =>
    Math.min(step * 2 ** Math.min(attempts, 10), Math.max(20 * step, 1000));
  switch (progress.stage) {
    case 'pending':
      return timing.podStartMs;
    case 'init-running':
    case 'init-error':
      return timing.initMs;
    case 'init-backoff':
      return backoff(timing.initMs, progress.initRestarts);
    case 'image-pull-error':
      return timing.podStartMs;
    case 'image-backoff':
      return backoff(timing.podStartMs, progress.pullAttempts ?? 1);
    case 'running':
      return timing.readyMs;
    case 'crash-backoff':
      return backoff(timing.readyMs, progress.restarts);
    default:
      return undefined;
  }
}
