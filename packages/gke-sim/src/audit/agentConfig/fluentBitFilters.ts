import { agentRegex } from './agentRegex';
import { GrepFilter, GrepRule, recordKey } from './grepFilter';
import {
  FluentBitConfig,
  FluentBitSection,
  sectionValue,
  sectionValues,
} from './parseFluentBitConfig';
import { RecordFilter } from './RecordFilter';
import { durationMs, ThrottleFilter } from './throttleFilter';

/** grep's rule keys, lower-cased. */
const GREP_RULE_KINDS: Record<string, GrepRule['kind'] | undefined> = {
  regex: 'regex',
  exclude: 'exclude',
};

/** The filters that act on a tag, plus what was skipped. */
export type CompiledFilters = {
  filters: RecordFilter[];
  /** Rules dropped because their regex does not compile. */
  invalidRules: number;
  notes: string[];
};

/**
 * The `grep` and `throttle` filters of a fluent-bit configuration whose
 * `Match` (or `Match_Regex`) covers `tag`, in file order. Other filters
 * (`modify`…) do not drop records and are skipped.
 */
export function fluentBitFilters(
  config: FluentBitConfig,
  tag: string,
): CompiledFilters {
  const result: CompiledFilters = {
    filters: [],
    invalidRules: 0,
    notes: [...config.notes],
  };
  for (const section of config.sections) {
    if (section.name !== 'FILTER' || !matchesTag(section, tag)) {
      continue;
    }
    const name = sectionValue(section, 'Name')?.toLowerCase();
    if (name === 'grep') {
      result.filters.push(grepOf(section, result));
    } else if (name === 'throttle') {
      result.filters.push(
        ThrottleFilter.create({
          rate: Number(sectionValue(section, 'Rate') ?? 1),
          window: Number(sectionValue(section, 'Window') ?? 5),
          intervalMs: durationMs(sectionValue(section, 'Interval'), 1000),
        }),
      );
    }
  }
  return result;
}

/** The tag of the systemd input (fluent-bit names it after the input when no Tag is set). */
export function systemdInputTag(config: FluentBitConfig): string {
  const input = config.sections.find(
    section =>
      section.name === 'INPUT' &&
      sectionValue(section, 'Name')?.toLowerCase() === 'systemd',
  );
  return (input && sectionValue(input, 'Tag')) ?? 'audit';
}

function grepOf(
  section: FluentBitSection,
  result: CompiledFilters,
): GrepFilter {
  const rules: GrepRule[] = [];
  for (const [key, value] of section.entries) {
    const kind = GREP_RULE_KINDS[key.toLowerCase()];
    if (!kind) {
      continue;
    }
    const [field, ...rest] = value.split(/\s+/);
    const pattern = agentRegex(rest.join(' '));
    if (!field || rest.length === 0 || !pattern) {
      result.invalidRules += 1;
      result.notes.push(
        `grep rule "${key} ${value}" is skipped: its regex does not compile`,
      );
      continue;
    }
    rules.push({ kind, key: recordKey(field), pattern });
  }
  const logicalOp = sectionValues(section, 'Logical_Op')[0]?.toLowerCase();
  return GrepFilter.create({
    rules,
    logicalOp: logicalOp === 'and' || logicalOp === 'or' ? logicalOp : 'legacy',
  });
}

function matchesTag(section: FluentBitSection, tag: string): boolean {
  const matchRegex = sectionValue(section, 'Match_Regex');
  if (matchRegex) {
    return agentRegex(matchRegex)?.test(tag) ?? false;
  }
  const match = sectionValue(section, 'Match') ?? '';
  const pattern = match
    .split('*')
    .map(part => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${pattern}$`).test(tag);
}
