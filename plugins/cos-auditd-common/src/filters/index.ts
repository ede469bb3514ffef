export {
  FILTER_PRESETS,
  FILTER_SPEC_LIMITS,
  filterSpecSchema,
  validateFilterSpec,
} from './filterSpec';
export type {
  FilterPreset,
  FilterSpec,
  FilterSpecValidation,
} from './filterSpec';
export {
  BALANCED_PRESET_SYSCALLS,
  FILTER_PRESET_DESCRIPTIONS,
} from './presets';
export { AUDIT_RECORD_TYPES, EXEC_AND_LOGIN_RECORD_TYPES } from './recordTypes';
export { AUDIT_ARCH, SYSCALLS } from './syscalls';
