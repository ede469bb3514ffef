import { useApi } from '@backstage/core-plugin-api';
import type {
  RemoveMode,
  RemoveResult,
} from '@cos-auditd/backstage-plugin-cos-auditd-common';
import { useCallback, useState } from 'react';
import useMountedState from 'react-use/esm/useMountedState';
import { cosAuditdApiRef } from '../../api';

/** What came of a removal: its result, or why it failed. @public */
export type RemoveOutcome = { result?: RemoveResult; error?: Error };

/** @public */
export type UseRemoveAuditLoggingResult = {
  /** True while a removal runs; it only returns once every node reported. */
  pending: boolean;
  /** The last removal's failure; cleared by the next attempt or `reset`. */
  error?: Error;
  /** Removes audit logging in the given mode and says how it went. */
  remove: (mode: RemoveMode) => Promise<RemoveOutcome>;
  /** Forgets the last failure. */
  reset: () => void;
};

/**
 * Removes audit logging from a cluster through the backend, keeping track of
 * whether the (minutes long) request still runs and how it failed.
 *
 * @public
 */
export function useRemoveAuditLogging(
  entityRef: string,
  authProvider?: string,
): UseRemoveAuditLoggingResult {
  const api = useApi(cosAuditdApiRef);
  const isMounted = useMountedState();
  const [state, setState] = useState<{ pending: boolean; error?: Error }>({
    pending: false,
  });

  const remove = useCallback(
    async (mode: RemoveMode): Promise<RemoveOutcome> => {
      setState({ pending: true });
      try {
        const result = await api.remove(entityRef, { mode }, { authProvider });
        if (isMounted()) {
          setState({ pending: false });
        }
        return { result };
      } catch (e) {
        const error = e instanceof Error ? e : new Error(String(e));
        if (isMounted()) {
          setState({ pending: false, error });
        }
        return { error };
      }
    },
    [api, entityRef, authProvider, isMounted],
  );

  const reset = useCallback(() => setState({ pending: false }), []);

  return { pending: state.pending, error: state.error, remove, reset };
}
