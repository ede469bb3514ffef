import { useApi } from '@backstage/core-plugin-api';
import type {
  AuditEvent,
  AuditEventType,
} from '@cos-auditd/backstage-plugin-cos-auditd-common';
import { useCallback, useEffect, useRef, useState } from 'react';
import useMountedState from 'react-use/esm/useMountedState';
import { cosAuditdApiRef, ListAuditEventsQuery } from '../../api';
import { appendAuditEvents } from './auditEventRows';

/** How many events one request asks for. @public */
export const AUDIT_EVENTS_PAGE_SIZE = 100;

/**
 * What the events card asks for. The time range is a duration so that
 * `since` is computed when the query runs, not when it was chosen.
 *
 * @public
 */
export type AuditEventsQuery = {
  type: AuditEventType;
  /** Events of the last this many milliseconds. */
  durationMs: number;
  /** Exact node name. */
  node?: string;
  /** Exact user name (logins) or uid / auid (executions). */
  user?: string;
  /** Free text. */
  q?: string;
};

/** @public */
export type UseAuditEventsResult = {
  /** Every event loaded so far, newest first, each id once. */
  events: AuditEvent[];
  /** True while the first page or a further page is being read. */
  loading: boolean;
  /** The last request's failure; cleared by the next request. */
  error?: Error;
  /** The backend has more events for this query. */
  hasMore: boolean;
  /** Reads the next page and appends it; does nothing while loading. */
  loadMore: () => void;
  /** Reads the first page again, with `since` counted from now. */
  retry: () => void;
  /** The last page's query in the Logs Explorer. */
  logsExplorerUrl?: string;
  /** Records of the loaded pages that could not be parsed. */
  skippedRecords: number;
};

type State = {
  events: AuditEvent[];
  loading: boolean;
  error?: Error;
  nextPageToken?: string;
  logsExplorerUrl?: string;
  skippedRecords: number;
};

const INITIAL_STATE: State = { events: [], loading: true, skippedRecords: 0 };

function asError(e: unknown): Error {
  return e instanceof Error ? e : new Error(String(e));
}

/**
 * Reads a cluster's audit events page by page: the first page of
 * {@link AUDIT_EVENTS_PAGE_SIZE} events whenever the query, the cluster or
 * `refreshKey` changes, further pages on `loadMore`. Answers to an older
 * query are dropped, so a slow response never overwrites a newer one.
 *
 * @public
 */
export function useAuditEvents(
  entityRef: string,
  query: AuditEventsQuery,
  refreshKey?: number,
): UseAuditEventsResult {
  const api = useApi(cosAuditdApiRef);
  const isMounted = useMountedState();
  const { type, durationMs, node, user, q } = query;

  const [state, setState] = useState<State>(INITIAL_STATE);
  const [attempt, setAttempt] = useState(0);
  // Bumped by every new first-page query; a response of another one is stale.
  const generation = useRef(0);
  // The first page's query, so further pages use the same `since`.
  const firstPageQuery = useRef<ListAuditEventsQuery>();
  const stateRef = useRef(state);
  stateRef.current = state;

  useEffect(() => {
    const current = ++generation.current;
    const listQuery: ListAuditEventsQuery = {
      type,
      since: new Date(Date.now() - durationMs).toISOString(),
      pageSize: AUDIT_EVENTS_PAGE_SIZE,
      ...(node ? { node } : {}),
      ...(user ? { user } : {}),
      ...(q ? { q } : {}),
    };
    firstPageQuery.current = listQuery;
    setState(INITIAL_STATE);
    api.listEvents(entityRef, listQuery).then(
      page => {
        if (isMounted() && current === generation.current) {
          setState({
            events: appendAuditEvents([], page.items),
            loading: false,
            nextPageToken: page.nextPageToken,
            logsExplorerUrl: page.logsExplorerUrl,
            skippedRecords: page.skippedRecords,
          });
        }
      },
      e => {
        if (isMounted() && current === generation.current) {
          setState({ ...INITIAL_STATE, loading: false, error: asError(e) });
        }
      },
    );
  }, [
    api,
    entityRef,
    type,
    durationMs,
    node,
    user,
    q,
    refreshKey,
    attempt,
    isMounted,
  ]);

  const loadMore = useCallback(() => {
    const { loading, nextPageToken } = stateRef.current;
    if (loading || !nextPageToken || !firstPageQuery.current) {
      return;
    }
    const current = generation.current;
    setState(s => ({ ...s, loading: true, error: undefined }));
    api
      .listEvents(entityRef, {
        ...firstPageQuery.current,
        pageToken: nextPageToken,
      })
      .then(
        page => {
          if (isMounted() && current === generation.current) {
            setState(s => ({
              events: appendAuditEvents(s.events, page.items),
              loading: false,
              nextPageToken: page.nextPageToken,
              logsExplorerUrl: page.logsExplorerUrl,
              skippedRecords: s.skippedRecords + page.skippedRecords,
            }));
          }
        },
        e => {
          if (isMounted() && current === generation.current) {
            // The loaded events stay, and so does the token to try again.
            setState(s => ({ ...s, loading: false, error: asError(e) }));
          }
        },
      );
  }, [api, entityRef, isMounted]);

  const retry = useCallback(() => setAttempt(a => a + 1), []);

  return {
    events: state.events,
    loading: state.loading,
    error: state.error,
    hasMore: Boolean(state.nextPageToken),
    loadMore,
    retry,
    logsExplorerUrl: state.logsExplorerUrl,
    skippedRecords: state.skippedRecords,
  };
}
