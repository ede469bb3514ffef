export { OperationHistoryCard } from './OperationHistoryCard';
export type { OperationHistoryCardProps } from './OperationHistoryCard';
export {
  useOperationHistory,
  OPERATION_HISTORY_LIMIT,
} from './useOperationHistory';
export type { UseOperationHistoryResult } from './useOperationHistory';
