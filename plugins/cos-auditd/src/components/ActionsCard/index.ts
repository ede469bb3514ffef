export { ActionsCard } from './ActionsCard';
export type { ActionsCardProps } from './ActionsCard';
export { useClusterOperation } from './useClusterOperation';
export type {
  ClusterOperationState,
  OperationOutcomeState,
  RunningOperation,
} from './useClusterOperation';
