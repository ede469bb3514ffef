import { useApi } from '@backstage/core-plugin-api';
import type {
  ClusterStatus,
  RolloutPhase,
} from '@cos-auditd/backstage-plugin-cos-auditd-common';
import { useCallback, useRef } from 'react';
import useInterval from 'react-use/esm/useInterval';
import { cosAuditdApiRef } from '../../api';
import { ReloadingRequestState, useReloadingRequest } from '../ReloadingCard';

/** How often a cluster that is still changing is asked again, in ms. */
export const DEFAULT_STATUS_POLL_INTERVAL_MS = 3000;

/** Phases that move on by themselves, so the status is refreshed. */
const MOVING_PHASES: ReadonlySet<RolloutPhase> = new Set<RolloutPhase>([
  'rolling-out',
  'disabling',
]);

/**
 * Whether a phase is still changing by itself (a rollout or a disable is
 * under way).
 *
 * @public
 */
export function isMovingPhase(phase: RolloutPhase | undefined): boolean {
  return phase !== undefined && MOVING_PHASES.has(phase);
}

/** @public */
export type UseClusterStatusOptions = {
  /** Refresh interval while the phase is moving; default 3000 ms. */
  pollIntervalMs?: number;
  /**
   * Also refresh while this is true, whatever the phase: an apply or remove
   * this page started is still running, so the phase is about to move.
   */
  pollWhile?: boolean;
  /** A change of this value reads the status again (after an operation). */
  refreshKey?: number;
};

/** @public */
export type UseClusterStatusResult = ReloadingRequestState<ClusterStatus> & {
  /**
   * When the cluster last answered while this page was open (the
   * `checkedAt` of the last status that was not `unreachable`).
   */
  lastReachedAt?: string;
};

/**
 * Loads a cluster's audit logging status. While the phase is `rolling-out`
 * or `disabling` (or while `pollWhile` is true), it is read again every
 * `pollIntervalMs` (3 s by default); polling stops once the phase settles.
 *
 * @public
 */
export function useClusterStatus(
  entityRef: string,
  authProvider?: string,
  options: UseClusterStatusOptions = {},
): UseClusterStatusResult {
  const api = useApi(cosAuditdApiRef);
  const pollIntervalMs =
    options.pollIntervalMs ?? DEFAULT_STATUS_POLL_INTERVAL_MS;

  const request = useCallback(
    () => api.getStatus(entityRef, { authProvider }),
    [api, entityRef, authProvider],
  );
  const state = useReloadingRequest(request, options.refreshKey);
  const { value, loading, retry } = state;

  // The last answer of a reachable cluster, forgotten with the cluster. A
  // ref, not state: it follows `value` and must not cost another render.
  const lastReached = useRef<{ request: typeof request; at: string }>();
  if (value && value.phase !== 'unreachable') {
    lastReached.current = { request, at: value.checkedAt };
  }

  const moving = isMovingPhase(value?.phase) || Boolean(options.pollWhile);
  useInterval(
    () => {
      if (!loading) {
        retry();
      }
    },
    moving ? pollIntervalMs : null,
  );

  return {
    ...state,
    lastReachedAt:
      lastReached.current?.request === request
        ? lastReached.current.at
        : undefined,
  };
}
