import { z } from 'zod';
import { AUDIT_RECORD_TYPES } from './recordTypes';
import { SYSCALLS } from './syscalls';

/**
 * The named starting points for a filter configuration.
 * - `full`: every audit record is shipped (the upstream default).
 * - `balanced`: drops the high-volume memory and socket-option syscalls.
 * - `exec-and-login`: keeps only the records of executions and logins.
 *
 * @public
 */
export const FILTER_PRESETS = ['full', 'balanced', 'exec-and-login'] as const;

/** @public */
export type FilterPreset = (typeof FILTER_PRESETS)[number];

/**
 * The agent's filters in typed form: what `apply` accepts and what the
 * plugin renders into fluent-bit `[FILTER]` sections. Values are checked
 * against closed lists and strict patterns, so none of them can reach the
 * agent's configuration as free text.
 *
 * @public
 */
export type FilterSpec = {
  preset?: FilterPreset;
  /** Upper-case audit record type names, e.g. `PROCTITLE`. */
  excludeRecordTypes?: string[];
  /** Syscall names from {@link SYSCALLS}, e.g. `mmap`. */
  excludeSyscalls?: string[];
  /** Absolute paths of executables whose SYSCALL records are dropped. */
  excludeExecutables?: string[];
  /** fluent-bit `throttle`: at most `rate` records per `interval`, averaged over `window` intervals. */
  throttle?: { rate: number; window: number; interval: string };
};

/** Limits that keep a rendered configuration readable and its regexes cheap. */
export const FILTER_SPEC_LIMITS = {
  maxListLength: 64,
  maxPathLength: 256,
  maxRate: 1_000_000,
  maxWindow: 3600,
} as const;

const recordTypeNames = new Set<string>(AUDIT_RECORD_TYPES);

// A path segment is a plain file name: no whitespace, quotes, brackets,
// `$`, `#` or backslashes that could end a regex or open a section.
const ABSOLUTE_PATH = /^(\/[A-Za-z0-9._+@-]+)+$/;

const uniqueList = <T extends z.ZodTypeAny>(item: T, what: string) =>
  z
    .array(item)
    .max(
      FILTER_SPEC_LIMITS.maxListLength,
      `at most ${FILTER_SPEC_LIMITS.maxListLength} ${what}`,
    )
    .refine(list => new Set(list).size === list.length, {
      message: `${what} must not repeat`,
    });

/**
 * The zod schema of {@link FilterSpec}; unknown keys are refused.
 *
 * @public
 */
export const filterSpecSchema = z
  .object({
    preset: z.enum(FILTER_PRESETS, {
      error: `preset must be one of ${FILTER_PRESETS.join(', ')}`,
    }),
    excludeRecordTypes: uniqueList(
      z.string().refine(value => recordTypeNames.has(value), {
        error: issue =>
          `${JSON.stringify(
            issue.input,
          )} is not an audit record type name (for example PROCTITLE or USER_CMD)`,
      }),
      'record types',
    ),
    excludeSyscalls: uniqueList(
      z.string().refine(value => Object.hasOwn(SYSCALLS, value), {
        error: issue =>
          `${JSON.stringify(
            issue.input,
          )} is not a known syscall name (for example mmap or setsockopt)`,
      }),
      'syscalls',
    ),
    excludeExecutables: uniqueList(
      z
        .string()
        .max(
          FILTER_SPEC_LIMITS.maxPathLength,
          `paths are at most ${FILTER_SPEC_LIMITS.maxPathLength} characters`,
        )
        .refine(
          value =>
            ABSOLUTE_PATH.test(value) &&
            !value.split('/').some(part => part === '.' || part === '..'),
          {
            error: issue =>
              `${JSON.stringify(
                issue.input,
              )} is not an absolute executable path (like /usr/bin/curl, without spaces, quotes, brackets or ..)`,
          },
        ),
      'executables',
    ),
    throttle: z
      .object({
        rate: z.int().min(1).max(FILTER_SPEC_LIMITS.maxRate),
        window: z.int().min(1).max(FILTER_SPEC_LIMITS.maxWindow),
        interval: z
          .string()
          .regex(
            /^[1-9][0-9]{0,3}[smhd]$/,
            'interval is a number and a unit (s, m, h or d), like 1s or 5m',
          ),
      })
      .strict(),
  })
  .partial()
  .strict();

/** @public */
export type FilterSpecValidation =
  | { valid: true; spec: FilterSpec }
  | { valid: false; problems: string[] };

/**
 * Checks untrusted input (a request body, a form, a template parameter)
 * against {@link filterSpecSchema}. Problems name the field they are about,
 * like `excludeSyscalls[2]: "fork2" is not a known syscall name`.
 *
 * @public
 */
export function validateFilterSpec(input: unknown): FilterSpecValidation {
  const result = filterSpecSchema.safeParse(input);
  if (result.success) {
    return { valid: true, spec: result.data };
  }
  return {
    valid: false,
    problems: result.error.issues.map(issue => {
      const path = issue.path
        .map((part, index) =>
          typeof part === 'number'
            ? `[${part}]`
            : `${index > 0 ? '.' : ''}${String(part)}`,
        )
        .join('');
      return path ? `${path}: ${issue.message}` : issue.message;
    }),
  };
}
