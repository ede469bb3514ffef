export { RolloutCard, RolloutCardView } from './RolloutCard';
export type { RolloutCardProps, RolloutCardViewProps } from './RolloutCard';
export {
  useClusterStatus,
  isMovingPhase,
  DEFAULT_STATUS_POLL_INTERVAL_MS,
} from './useClusterStatus';
export type {
  UseClusterStatusOptions,
  UseClusterStatusResult,
} from './useClusterStatus';
