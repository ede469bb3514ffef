import { useApi } from '@backstage/core-plugin-api';
import type { Operation } from '@cos-auditd/backstage-plugin-cos-auditd-common';
import { useCallback, useEffect, useRef, useState } from 'react';
import useMountedState from 'react-use/esm/useMountedState';
import { cosAuditdApiRef } from '../../api';

/** How many of a cluster's latest operations the history shows. @public */
export const OPERATION_HISTORY_LIMIT = 50;

/** @public */
export type UseOperationHistoryResult = {
  /** The operations, newest first; kept while a reload runs or fails. */
  operations?: Operation[];
  /** True while a request is under way, including reloads. */
  loading: boolean;
  /** The last request's failure; cleared by the next success. */
  error?: Error;
  /** Reads the history again now. */
  retry: () => void;
};

type State = {
  operations?: Operation[];
  error?: Error;
  loading: boolean;
};

/**
 * Loads a cluster's latest operations. A change of `refreshKey` (after an
 * apply or remove) reads them again, keeping the old rows on screen meanwhile.
 *
 * @public
 */
export function useOperationHistory(
  entityRef: string,
  refreshKey?: number,
): UseOperationHistoryResult {
  const api = useApi(cosAuditdApiRef);
  const isMounted = useMountedState();
  const [state, setState] = useState<State>({ loading: true });
  const lastRequest = useRef(0);

  const load = useCallback(async () => {
    const request = ++lastRequest.current;
    setState(s => ({ ...s, loading: true }));
    try {
      const { items } = await api.listOperations({
        entityRef,
        limit: OPERATION_HISTORY_LIMIT,
      });
      if (isMounted() && request === lastRequest.current) {
        setState({ operations: items, loading: false });
      }
    } catch (e) {
      if (isMounted() && request === lastRequest.current) {
        const error = e instanceof Error ? e : new Error(String(e));
        setState(s => ({ operations: s.operations, error, loading: false }));
      }
    }
  }, [api, entityRef, isMounted]);

  // Another cluster starts from scratch.
  useEffect(() => {
    setState({ loading: true });
    load();
  }, [load]);

  const lastRefreshKey = useRef(refreshKey);
  useEffect(() => {
    if (refreshKey !== lastRefreshKey.current) {
      lastRefreshKey.current = refreshKey;
      load();
    }
  }, [refreshKey, load]);

  const retry = useCallback(() => {
    load();
  }, [load]);

  return {
    operations: state.operations,
    loading: state.loading,
    error: state.error,
    retry,
  };
}
