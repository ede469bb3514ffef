import type { Operation } from '@cos-auditd/backstage-plugin-cos-auditd-common';
import { useCallback, useState } from 'react';

/** The kind of operation a page has started and not yet seen end. @public */
export type RunningOperation = 'apply' | 'remove';

/** How the last operation started from this page ended. @public */
export type OperationOutcomeState =
  | { operation: Operation; error?: undefined }
  | { operation?: undefined; error: Error };

/** @public */
export type ClusterOperationState = {
  running: RunningOperation | null;
  lastOutcome: OperationOutcomeState | null;
  /** Call when a confirmed apply or remove is sent. */
  started: (kind: RunningOperation) => void;
  /** Call with the result or the error of that request. */
  finished: (outcome: {
    result?: { operation: Operation };
    error?: Error;
  }) => void;
};

/**
 * The apply or remove a page is running and how the last one ended, shared
 * by every button that can start one, so progress and results show in one
 * place whichever button was used.
 *
 * @public
 */
export function useClusterOperation(): ClusterOperationState {
  const [running, setRunning] = useState<RunningOperation | null>(null);
  const [lastOutcome, setLastOutcome] = useState<OperationOutcomeState | null>(
    null,
  );
  const started = useCallback((kind: RunningOperation) => {
    setRunning(kind);
  }, []);
  const finished = useCallback(
    (outcome: { result?: { operation: Operation }; error?: Error }) => {
      setRunning(null);
      if (outcome.result) {
        setLastOutcome({ operation: outcome.result.operation });
      } else if (outcome.error) {
        setLastOutcome({ error: outcome.error });
      }
    },
    [],
  );
  return { running, lastOutcome, started, finished };
}
