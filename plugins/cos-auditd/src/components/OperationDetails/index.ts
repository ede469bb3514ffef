export { OperationDetails } from './OperationDetails';
export type { OperationDetailsProps } from './OperationDetails';
export { NodeOutcomeTable } from './NodeOutcomeTable';
export {
  RecreationPlanSection,
  recreationScript,
} from './RecreationPlanSection';
export { OperationOutcomeStatus, NodeOutcomeStatus } from './OperationStatus';
export {
  operationLabel,
  nodeOutcomeSummary,
  formatDuration,
  formatLocalTime,
  resourceName,
  OPERATION_OUTCOME_LABELS,
  NODE_OUTCOME_LABELS,
} from './operationText';
