export {
  OperationHistoryCard,
  OperationHistoryCardView,
} from './OperationHistoryCard';
export type {
  OperationHistoryCardProps,
  OperationHistoryCardViewProps,
} from './OperationHistoryCard';
export {
  useOperationHistory,
  OPERATION_HISTORY_LIMIT,
} from './useOperationHistory';
export type { UseOperationHistoryResult } from './useOperationHistory';
