import { FilterPreset } from './filterSpec';

/**
 * What each preset does, in the words the UI and the docs use.
 *
 * @public
 */
export const FILTER_PRESET_DESCRIPTIONS: Record<FilterPreset, string> = {
  full: 'Ships every audit record the node writes (the upstream default). Highest volume and cost.',
  balanced:
    'Drops the high-volume mmap, mprotect and setsockopt syscall records; keeps executions, logins, network connections and configuration changes.',
  'exec-and-login':
    'Keeps only the records of program executions (execve) and of user logins, sessions and sudo. Lowest volume.',
};

/**
 * The syscalls the `balanced` preset drops, on top of what the spec adds.
 *
 * @public
 */
export const BALANCED_PRESET_SYSCALLS = ['mmap', 'mprotect', 'setsockopt'];
