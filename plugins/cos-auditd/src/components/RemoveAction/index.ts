export { DisableButton } from './DisableButton';
export type { DisableButtonProps } from './DisableButton';
export { useRemoveAuditLogging } from './useRemoveAuditLogging';
export type {
  RemoveOutcome,
  UseRemoveAuditLoggingResult,
} from './useRemoveAuditLogging';
export { REMOVE_MODE_CHOICES, DEFAULT_REMOVE_MODE } from './removeModes';
export type { RemoveModeChoice } from './removeModes';
