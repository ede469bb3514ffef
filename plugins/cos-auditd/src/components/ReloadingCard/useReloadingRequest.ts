import { useCallback, useEffect, useRef, useState } from 'react';
import useMountedState from 'react-use/esm/useMountedState';

/** @public */
export type ReloadingRequestState<T> = {
  /** The last value read; kept while a reload runs or fails. */
  value?: T;
  /** True while a request is under way, including reloads. */
  loading: boolean;
  /** The last request's failure; cleared by the next success. */
  error?: Error;
  /** Reads again now. */
  retry: () => void;
};

type State<T> = Omit<ReloadingRequestState<T>, 'retry'>;

/**
 * Reads what a card shows and reads it again on demand, keeping the last
 * value on screen meanwhile so a refresh never blanks the card. A new
 * `request` function (another cluster) starts from scratch; a change of
 * `refreshKey` (after an operation) reads again. Only the newest request's
 * answer is kept, so a slow, older answer never overwrites a newer one.
 *
 * @param request - Reads the value; memoise it (`useCallback`) on its inputs.
 */
export function useReloadingRequest<T>(
  request: () => Promise<T>,
  refreshKey?: number,
): ReloadingRequestState<T> {
  const isMounted = useMountedState();
  const [state, setState] = useState<State<T>>({ loading: true });
  const lastRequest = useRef(0);

  const load = useCallback(async () => {
    const id = ++lastRequest.current;
    setState(s => ({ ...s, loading: true }));
    try {
      const value = await request();
      if (isMounted() && id === lastRequest.current) {
        setState({ value, loading: false });
      }
    } catch (e) {
      if (isMounted() && id === lastRequest.current) {
        const error = e instanceof Error ? e : new Error(String(e));
        setState(s => ({ value: s.value, error, loading: false }));
      }
    }
  }, [request, isMounted]);

  useEffect(() => {
    setState({ loading: true });
    load();
  }, [load]);

  // Only a change of the key reads again; the first read is the effect above.
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

  return { ...state, retry };
}
