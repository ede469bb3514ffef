export { DatabaseOperationStore } from './DatabaseOperationStore';
export type {
  NewOperation,
  OperationResult,
  OperationStore,
  OperationUpdate,
} from './OperationStore';
