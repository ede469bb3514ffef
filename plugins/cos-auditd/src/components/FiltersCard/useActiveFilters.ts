import { useApi } from '@backstage/core-plugin-api';
import type { ActiveFilters } from '@cos-auditd/backstage-plugin-cos-auditd-common';
import { useCallback, useEffect, useRef, useState } from 'react';
import useMountedState from 'react-use/esm/useMountedState';
import { cosAuditdApiRef } from '../../api';

/** @public */
export type UseActiveFiltersResult = {
  /** The last filters read; kept while a refresh runs or fails. */
  value?: ActiveFilters;
  /** True while a request is under way, including refreshes. */
  loading: boolean;
  /** The last request's failure; cleared by the next success. */
  error?: Error;
  /** Reads the filters again now. */
  retry: () => void;
};

type State = {
  value?: ActiveFilters;
  error?: Error;
  loading: boolean;
};

/**
 * Loads the filters of a cluster's live agent configuration. A change of
 * `refreshKey` (after an apply, say) reads them again while the previous
 * value stays on screen.
 *
 * @public
 */
export function useActiveFilters(
  entityRef: string,
  authProvider?: string,
  refreshKey?: number,
): UseActiveFiltersResult {
  const api = useApi(cosAuditdApiRef);
  const isMounted = useMountedState();
  const [state, setState] = useState<State>({ loading: true });
  const lastRequest = useRef(0);

  const load = useCallback(async () => {
    const request = ++lastRequest.current;
    setState(s => ({ ...s, loading: true }));
    try {
      const value = await api.getFilters(entityRef, { authProvider });
      if (isMounted() && request === lastRequest.current) {
        setState({ value, loading: false });
      }
    } catch (e) {
      if (isMounted() && request === lastRequest.current) {
        const error = e instanceof Error ? e : new Error(String(e));
        setState(s => ({ value: s.value, error, loading: false }));
      }
    }
  }, [api, entityRef, authProvider, isMounted]);

  // Another cluster (or auth provider) starts from scratch.
  useEffect(() => {
    setState({ loading: true });
    load();
  }, [load]);

  // Only a change of the key re-reads; the first read is the effect above.
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
    value: state.value,
    loading: state.loading,
    error: state.error,
    retry,
  };
}
