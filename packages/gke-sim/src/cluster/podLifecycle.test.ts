import { FAST_ROLLOUT } from '../config/types';
import { dwellMs, nextStage } from './podLifecycle';
import { PodStage } from './podStatus';

describe('nextStage', () => {
  it.each<[PodStage, Parameters<typeof nextStage>[1], PodStage]>([
    ['pending', undefined, 'init-running'],
    ['init-running', undefined, 'running'],
    ['running', undefined, 'ready'],
    ['init-running', 'InitError', 'init-error'],
    ['init-error', 'InitError', 'init-backoff'],
    ['init-backoff', undefined, 'init-running'],
    ['init-running', 'ImagePullBackOff', 'image-pull-error'],
    ['image-pull-error', 'ImagePullBackOff', 'image-backoff'],
    ['image-backoff', undefined, 'running'],
    ['running', 'CrashLoopBackOff', 'crash-backoff'],
    ['crash-backoff', 'CrashLoopBackOff', 'running'],
    ['ready', 'CrashLoopBackOff', 'crash-backoff'],
    ['ready', 'ImagePullBackOff', 'ready'],
  ])('goes from %s with fault %s to %s', (stage, fault, next) => {
    expect(nextStage(stage, fault, true)).toBe(next);
  });

  it('skips init when the pod has no init containers', () => {
    expect(nextStage('pending', undefined, false)).toBe('running');
  });
});

describe('dwellMs', () => {
  const progress = (stage: PodStage, restarts = 0) => ({
    stage,
    restarts,
    initRestarts: 0,
    startedAt: '2026-01-01T00:00:00Z',
  });

  it('stays Ready for good', () => {
    expect(dwellMs(progress('ready'), FAST_ROLLOUT)).toBeUndefined();
  });

  it('backs off longer after each crash, up to a cap', () => {
    const delays = [1, 2, 3, 20].map(
      n => dwellMs(progress('crash-backoff', n), FAST_ROLLOUT)!,
    );

    expect(delays[1]).toBeGreaterThan(delays[0]);
    expect(delays[2]).toBeGreaterThan(delays[1]);
    expect(delays[3]).toBe(1000);
  });
});
