import {
  AUDIT_ARCH,
  SYSCALLS,
} from '@cos-auditd/backstage-plugin-cos-auditd-common';

/** One grep rule, in fluent-bit or fluentd: keep (`regex`) or drop (`exclude`) records whose `field` matches `pattern`. */
export type GrepRule = {
  kind: 'regex' | 'exclude';
  field: string;
  pattern: string;
};

/**
 * How rules combine. `legacy` is both agents' default: a record must match
 * every `regex` rule and is dropped if it matches any `exclude` rule.
 */
export type GrepLogic = 'legacy' | 'and' | 'or';

type Clause =
  | { what: 'types'; names: string[] }
  | { what: 'syscalls'; names: string[]; arches: string[] }
  | { what: 'executables'; paths: string[] }
  | { what: 'field'; field: string; pattern: string };

const ARCH_NAMES = new Map<string, string>(
  Object.entries(AUDIT_ARCH).map(([name, value]) => [value, name]),
);

const SYSCALL_NAMES = new Map<string, Map<number, string>>(
  (Object.keys(AUDIT_ARCH) as Array<keyof typeof AUDIT_ARCH>).map(arch => [
    arch,
    new Map(
      Object.entries(SYSCALLS)
        .filter(([, numbers]) => numbers[arch] !== undefined)
        .map(([name, numbers]) => [numbers[arch]!, name]),
    ),
  ]),
);

const RECORD_TYPES = /^\^(?:([A-Z0-9_]+)|\(([A-Z0-9_]+(?:\|[A-Z0-9_]+)*)\))\$$/;
// The number may end with `\s`, `\b`, a space or nothing (fluent-bit trims
// values, so a trailing space written by hand is gone when it runs).
const SYSCALL_NUMBERS =
  /^\^SYSCALL arch=([0-9a-f]+) syscall=(?:(\d+)|\((\d+(?:\|\d+)*)\))(?:\\s|\\b| )?$/;
const EXECUTABLE =
  /^\^SYSCALL \.\* exe="((?:[^"\\.*+?^${}()|[\]]|\\[.*+?^${}()|[\]\\])+)"$/;

/**
 * What grep rules do, as clauses that start in lower case ("drops PATH
 * records"), for {@link sentence}. Patterns this plugin renders are named
 * in audit terms (record types, syscall names per architecture,
 * executables); any other rule is quoted as field and regex.
 */
export function describeGrep(rules: GrepRule[], logic: GrepLogic): string[] {
  const keep = rules.filter(r => r.kind === 'regex');
  const drop = rules.filter(r => r.kind === 'exclude');
  const clauses: string[] = [];
  if (keep.length > 0) {
    // Regex rules are alternatives only under `or`; otherwise all must match.
    const phrases = clausesOf(keep, logic === 'or').map(phrase);
    clauses.push(
      phrases.length === 1
        ? `keeps only ${phrases[0]}`
        : `keeps only records that match ${
            logic === 'or' ? 'any' : 'all'
          } of: ${phrases.join('; ')}`,
    );
  }
  if (drop.length > 0) {
    const phrases = clausesOf(drop, logic !== 'and').map(phrase);
    if (logic === 'and' && phrases.length > 1) {
      clauses.push(`drops records that match all of: ${phrases.join('; ')}`);
    } else {
      clauses.push(...phrases.map(p => `drops ${p}`));
    }
  }
  return clauses.length > 0
    ? clauses
    : ['has no rules, so it passes every record'];
}

/** Clauses joined with `; `, the first capitalized. */
export function sentence(clauses: string[]): string {
  const text = clauses.join('; ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** `a`, `a and b`, `a, b and c`. */
export function words(items: string[]): string {
  return items.length <= 1
    ? items.join('')
    : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/**
 * The rules read as clauses. When any one rule matching is enough
 * (`alternatives`), neighbours of one kind merge into one clause.
 */
function clausesOf(rules: GrepRule[], alternatives: boolean): Clause[] {
  const clauses: Clause[] = [];
  for (const rule of rules) {
    const clause = clauseOf(rule);
    const last = alternatives ? clauses[clauses.length - 1] : undefined;
    if (last?.what === 'types' && clause.what === 'types') {
      last.names.push(...clause.names);
    } else if (last?.what === 'executables' && clause.what === 'executables') {
      last.paths.push(...clause.paths);
    } else if (
      last?.what === 'syscalls' &&
      clause.what === 'syscalls' &&
      last.names.join() === clause.names.join()
    ) {
      last.arches.push(...clause.arches);
    } else {
      clauses.push(clause);
    }
  }
  return clauses;
}

function clauseOf(rule: GrepRule): Clause {
  const field = rule.field.replace(/^\$/, '');
  if (field === '_AUDIT_TYPE_NAME') {
    const types = RECORD_TYPES.exec(rule.pattern);
    if (types) {
      return { what: 'types', names: (types[1] ?? types[2]).split('|') };
    }
  }
  if (field === 'MESSAGE') {
    const syscalls = SYSCALL_NUMBERS.exec(rule.pattern);
    if (syscalls) {
      const arch = ARCH_NAMES.get(syscalls[1]);
      const numbers = (syscalls[2] ?? syscalls[3]).split('|').map(Number);
      return {
        what: 'syscalls',
        arches: [arch ?? `arch=${syscalls[1]}`],
        names: numbers.map(
          n => (arch && SYSCALL_NAMES.get(arch)?.get(n)) ?? String(n),
        ),
      };
    }
    const executable = EXECUTABLE.exec(rule.pattern);
    if (executable) {
      return {
        what: 'executables',
        paths: [executable[1].replace(/\\(.)/g, '$1')],
      };
    }
  }
  return { what: 'field', field, pattern: rule.pattern };
}

/** The records a clause matches. */
function phrase(clause: Clause): string {
  switch (clause.what) {
    case 'types':
      return `${words(clause.names)} records`;
    case 'syscalls':
      return `${words(clause.names)} syscalls on ${words(clause.arches)}`;
    case 'executables':
      return `executions of ${words(clause.paths)}`;
    default:
      return `records whose ${clause.field} matches /${clause.pattern}/`;
  }
}
