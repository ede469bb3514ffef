import { FilterSection } from '@cos-auditd/backstage-plugin-cos-auditd-common';
import { describeGrep, GrepLogic, GrepRule, sentence } from './describeGrep';
import { FluentBitSection, settingValue } from './parseFluentBitConfig';

// fluent-bit's throttle defaults, for a section that leaves a key out.
const THROTTLE_DEFAULTS = { rate: '1', window: '5', interval: '1s' };

/**
 * A `[FILTER]` section as the API shows it: its plugin, its settings as
 * written and what it does in plain words. `auditTag` is the systemd
 * input's tag; a filter whose Match does not cover it is said not to apply.
 * Problems found on the way are pushed to `notes`.
 */
export function describeFluentBitFilter(
  section: FluentBitSection,
  auditTag: string | undefined,
  notes: string[],
): FilterSection {
  const name = settingValue(section.settings, 'Name')?.toLowerCase();
  if (!name) {
    notes.push(`Line ${section.line}: the [FILTER] section has no Name.`);
  }
  const kind = name ?? 'unknown';
  const clauses = clausesOf(kind, section, notes);
  if (auditTag !== undefined && !matchesTag(section, auditTag)) {
    clauses.push(`does not apply to the audit records (tagged ${auditTag})`);
  }
  return {
    kind,
    description: sentence(clauses),
    settings: section.settings.map(({ key, value }) => ({ key, value })),
  };
}

function clausesOf(
  kind: string,
  section: FluentBitSection,
  notes: string[],
): string[] {
  const { settings } = section;
  switch (kind) {
    case 'grep':
      return describeGrep(grepRules(section, notes), grepLogic(section));
    case 'throttle': {
      const value = (key: keyof typeof THROTTLE_DEFAULTS) =>
        settingValue(settings, key) ?? THROTTLE_DEFAULTS[key];
      return [
        `lets through at most ${value('rate')} records per ${value(
          'interval',
        )} on average over ${value('window')} intervals`,
        'drops the rest',
      ];
    }
    case 'modify':
      return modifyClauses(section);
    case 'unknown':
      return ['does nothing: fluent-bit refuses a filter without a Name'];
    default:
      return [`runs the ${kind} filter (not interpreted by this plugin)`];
  }
}

function grepRules(section: FluentBitSection, notes: string[]): GrepRule[] {
  const rules: GrepRule[] = [];
  for (const { key, value } of section.settings) {
    const kind = key.toLowerCase();
    if (kind !== 'regex' && kind !== 'exclude') {
      continue;
    }
    const rule = /^(\S+)\s+(.+)$/.exec(value);
    if (!rule) {
      notes.push(
        `Section at line ${section.line}: the grep rule "${key} ${value}" has no regex.`,
      );
      continue;
    }
    rules.push({
      kind: kind === 'regex' ? 'regex' : 'exclude',
      field: rule[1],
      pattern: rule[2],
    });
  }
  return rules;
}

function grepLogic(section: FluentBitSection): GrepLogic {
  const op = settingValue(section.settings, 'Logical_Op')?.toLowerCase();
  return op === 'and' || op === 'or' ? op : 'legacy';
}

const MODIFY_RULES: Record<string, (args: string[]) => string> = {
  set: ([field, ...value]) => `sets field ${field} = ${value.join(' ')}`,
  add: ([field, ...value]) => `adds field ${field} = ${value.join(' ')}`,
  remove: ([field]) => `removes field ${field}`,
  remove_wildcard: ([prefix]) => `removes the fields starting with ${prefix}`,
  remove_regex: ([regex]) => `removes the fields whose name matches /${regex}/`,
  rename: ([from, to]) => `renames field ${from} to ${to}`,
  hard_rename: ([from, to]) =>
    `renames field ${from} to ${to}, replacing any ${to}`,
  copy: ([from, to]) => `copies field ${from} to ${to}`,
  hard_copy: ([from, to]) =>
    `copies field ${from} to ${to}, replacing any ${to}`,
  move_to_start: ([field]) => `moves field ${field} first`,
  move_to_end: ([field]) => `moves field ${field} last`,
};

function modifyClauses(section: FluentBitSection): string[] {
  const clauses: string[] = [];
  const conditions: string[] = [];
  for (const { key, value } of section.settings) {
    const rule = MODIFY_RULES[key.toLowerCase()];
    if (rule) {
      clauses.push(rule(value.split(/\s+/)));
    } else if (key.toLowerCase() === 'condition') {
      conditions.push(value);
    }
  }
  if (clauses.length === 0) {
    clauses.push('changes nothing');
  }
  if (conditions.length > 0) {
    clauses.push(`only when ${conditions.join(' and ')}`);
  }
  return clauses;
}

function matchesTag(section: FluentBitSection, tag: string): boolean {
  const matchRegex = settingValue(section.settings, 'Match_Regex');
  if (matchRegex !== undefined) {
    try {
      return new RegExp(matchRegex).test(tag);
    } catch {
      // A regex JavaScript cannot read may still be valid Onigmo: assume it applies.
      return true;
    }
  }
  const match = settingValue(section.settings, 'Match');
  if (match === undefined) {
    return false;
  }
  const glob = match
    .split('*')
    .map(part => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${glob}$`).test(tag);
}
