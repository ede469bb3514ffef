import {
  StatusAborted,
  StatusError,
  StatusOK,
  StatusRunning,
  StatusWarning,
} from '@backstage/core-components';
import type {
  NodeOutcome,
  OperationOutcome,
} from '@cos-auditd/backstage-plugin-cos-auditd-common';
import { NODE_OUTCOME_LABELS, OPERATION_OUTCOME_LABELS } from './operationText';

/**
 * An operation's outcome as a status icon and a word.
 *
 * @public
 */
export function OperationOutcomeStatus(props: { outcome: OperationOutcome }) {
  const { outcome } = props;
  const label = OPERATION_OUTCOME_LABELS[outcome] ?? outcome;
  switch (outcome) {
    case 'succeeded':
      return <StatusOK>{label}</StatusOK>;
    case 'failed':
      return <StatusError>{label}</StatusError>;
    default:
      return <StatusRunning>{label}</StatusRunning>;
  }
}

/**
 * Where a node stands after a removal, as a status icon and words.
 *
 * @public
 */
export function NodeOutcomeStatus(props: { outcome: NodeOutcome['outcome'] }) {
  const { outcome } = props;
  const label = NODE_OUTCOME_LABELS[outcome] ?? outcome;
  switch (outcome) {
    case 'disabled':
      return <StatusOK>{label}</StatusOK>;
    case 'locked':
      return <StatusWarning>{label}</StatusWarning>;
    default:
      return <StatusAborted>{label}</StatusAborted>;
  }
}
