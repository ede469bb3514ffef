import { useApi } from '@backstage/core-plugin-api';
import type {
  ApplyResult,
  FilterSpec,
} from '@cos-auditd/backstage-plugin-cos-auditd-common';
import { useCallback, useState } from 'react';
import useMountedState from 'react-use/esm/useMountedState';
import { cosAuditdApiRef } from '../../api';

/** What came of an apply: its result, or why it failed. @public */
export type ApplyFiltersOutcome = { result?: ApplyResult; error?: Error };

/** @public */
export type UseApplyFiltersResult = {
  /** True while the apply request runs. */
  running: boolean;
  /** The last apply's failure, until the next apply or `reset`. */
  error?: Error;
  /** Applies the filters; resolves (never rejects) with the outcome. */
  apply: (spec: FilterSpec) => Promise<ApplyFiltersOutcome>;
  /** Forgets the last failure. */
  reset: () => void;
};

/**
 * Applies filters to a cluster (installing the agent when it is not there).
 *
 * @public
 */
export function useApplyFilters(
  entityRef: string,
  authProvider?: string,
): UseApplyFiltersResult {
  const api = useApi(cosAuditdApiRef);
  const isMounted = useMountedState();
  const [state, setState] = useState<{ running: boolean; error?: Error }>({
    running: false,
  });

  const apply = useCallback(
    async (spec: FilterSpec): Promise<ApplyFiltersOutcome> => {
      setState({ running: true });
      try {
        const result = await api.apply(
          entityRef,
          { filters: spec },
          { authProvider },
        );
        if (isMounted()) {
          setState({ running: false });
        }
        return { result };
      } catch (e) {
        const error = e instanceof Error ? e : new Error(String(e));
        if (isMounted()) {
          setState({ running: false, error });
        }
        return { error };
      }
    },
    [api, entityRef, authProvider, isMounted],
  );

  const reset = useCallback(() => setState({ running: false }), []);

  return { ...state, apply, reset };
}
