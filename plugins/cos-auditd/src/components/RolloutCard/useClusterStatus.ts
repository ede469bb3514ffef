import { useApi } from '@backstage/core-plugin-api';
import type {
  ClusterStatus,
  RolloutPhase,
} from '@cos-auditd/backstage-plugin-cos-auditd-common';
import { useCallback, useEffect, useRef, useState } from 'react';
import useInterval from 'react-use/esm/useInterval';
import useMountedState from 'react-use/esm/useMountedState';
import { cosAuditdApiRef } from '../../api';

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
export type UseClusterStatusResult = {
  /** The last status read; kept while a refresh runs or fails. */
  value?: ClusterStatus;
  /** True while a request is under way, including refreshes. */
  loading: boolean;
  /** The last request's failure; cleared by the next success. */
  error?: Error;
  /**
   * When the cluster last answered while this page was open (the
   * `checkedAt` of the last status that was not `unreachable`).
   */
  lastReachedAt?: string;
  /** Reads the status again now. */
  retry: () => void;
};

type State = {
  value?: ClusterStatus;
  error?: Error;
  loading: boolean;
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
  const isMounted = useMountedState();
  const pollIntervalMs =
    options.pollIntervalMs ?? DEFAULT_STATUS_POLL_INTERVAL_MS;

  const [state, setState] = useState<State>({ loading: true });
  const lastRequest = useRef(0);
  const inFlight = useRef(false);

  const load = useCallback(async () => {
    const request = ++lastRequest.current;
    inFlight.current = true;
    setState(s => ({ ...s, loading: true }));
    try {
      const value = await api.getStatus(entityRef, { authProvider });
      if (isMounted() && request === lastRequest.current) {
        setState(s => ({
          value,
          loading: false,
          lastReachedAt:
            value.phase === 'unreachable' ? s.lastReachedAt : value.checkedAt,
        }));
      }
    } catch (e) {
      if (isMounted() && request === lastRequest.current) {
        const error = e instanceof Error ? e : new Error(String(e));
        setState(s => ({ ...s, error, loading: false }));
      }
    } finally {
      if (request === lastRequest.current) {
        inFlight.current = false;
      }
    }
  }, [api, entityRef, authProvider, isMounted]);

  // A new cluster (or auth provider) starts from scratch.
  useEffect(() => {
    setState({ loading: true });
    load();
  }, [load]);

  // After an operation the last status stays on screen while it is re-read.
  const refreshKey = options.refreshKey;
  const lastRefreshKey = useRef(refreshKey);
  useEffect(() => {
    if (refreshKey !== lastRefreshKey.current) {
      lastRefreshKey.current = refreshKey;
      load();
    }
  }, [refreshKey, load]);

  const moving =
    isMovingPhase(state.value?.phase) || Boolean(options.pollWhile);
  useInterval(
    () => {
      if (!inFlight.current) {
        load();
      }
    },
    moving ? pollIntervalMs : null,
  );

  const retry = useCallback(() => {
    load();
  }, [load]);

  return {
    value: state.value,
    loading: state.loading,
    error: state.error,
    lastReachedAt: state.lastReachedAt,
    retry,
  };
}
