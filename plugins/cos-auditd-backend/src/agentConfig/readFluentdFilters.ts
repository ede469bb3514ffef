import { FilterSection } from '@cos-auditd/backstage-plugin-cos-auditd-common';
import {
  describeGrep,
  GrepLogic,
  GrepRule,
  sentence,
  words,
} from './describeGrep';

/** The tag the legacy manifest's systemd source gives audit records. */
const LEGACY_AUDIT_TAG = 'linux-auditd';

/** A `<name arg>…</name>` directive of a fluentd configuration. */
type Directive = {
  name: string;
  arg: string;
  line: number;
  params: Array<{ key: string; value: string }>;
  children: Directive[];
};

/**
 * The `<filter>` directives of a legacy fluentd configuration
 * (`google-fluentd.conf`), at any depth (inside `<label>` too), described:
 * `grep` with its `<regexp>`/`<exclude>` sections, `<and>`/`<or>` groups
 * and the older `regexpN`/`excludeN` lines; `record_transformer`; any other
 * type by name. Never throws; what it cannot read becomes a note.
 */
export function readFluentdFilters(text: string): {
  sections: FilterSection[];
  notes: string[];
} {
  const notes: string[] = [];
  const root = parseDirectives(text, notes);
  const sections: FilterSection[] = [];
  const visit = (directive: Directive) => {
    for (const child of directive.children) {
      if (child.name === 'filter') {
        sections.push(describeFilter(child));
      } else {
        visit(child);
      }
    }
  };
  visit(root);
  return { sections, notes };
}

function parseDirectives(text: string, notes: string[]): Directive {
  const root: Directive = {
    name: '',
    arg: '',
    line: 0,
    params: [],
    children: [],
  };
  const stack = [root];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    const trimmed = raw.trim();
    const current = stack[stack.length - 1];
    if (trimmed === '' || trimmed.startsWith('#')) {
      return;
    }
    const close = /^<\/\s*([\w.-]+)\s*>$/.exec(trimmed);
    if (close) {
      if (stack.length > 1 && current.name === close[1]) {
        stack.pop();
      } else {
        notes.push(`Line ${line}: </${close[1]}> closes nothing that is open.`);
      }
      return;
    }
    const open = /^<\s*([\w.-]+)(?:\s+([^>]*?))?\s*>$/.exec(trimmed);
    if (open) {
      const directive: Directive = {
        name: open[1],
        arg: open[2] ?? '',
        line,
        params: [],
        children: [],
      };
      current.children.push(directive);
      stack.push(directive);
      return;
    }
    if (trimmed.startsWith('<')) {
      notes.push(`Line ${line}: "${trimmed}" is not a valid directive.`);
      return;
    }
    if (/^@include\s/i.test(trimmed)) {
      notes.push(
        `Line ${line}: @include is not followed; only this file is shown.`,
      );
      return;
    }
    if (current === root) {
      notes.push(`Line ${line}: "${trimmed}" is outside any directive.`);
      return;
    }
    const key = trimmed.split(/\s/)[0];
    current.params.push({ key, value: trimmed.slice(key.length).trim() });
  });
  for (const unclosed of stack.slice(1)) {
    notes.push(`Line ${unclosed.line}: <${unclosed.name}> is never closed.`);
  }
  return root;
}

function describeFilter(filter: Directive): FilterSection {
  const type = param(filter, '@type') ?? param(filter, 'type') ?? 'unknown';
  const clauses = filterClauses(type, filter);
  // `<filter>` without a pattern matches every tag, like `**`.
  const patterns =
    filter.arg.trim() === '' ? ['**'] : filter.arg.trim().split(/\s+/);
  if (!patterns.some(p => tagPattern(p).test(LEGACY_AUDIT_TAG))) {
    clauses.push(
      `does not apply to the audit records (tagged ${LEGACY_AUDIT_TAG})`,
    );
  }
  return {
    kind: type,
    description: sentence(clauses),
    settings: [{ key: 'match', value: filter.arg }, ...flatten(filter, '')],
  };
}

function filterClauses(type: string, filter: Directive): string[] {
  switch (type) {
    case 'grep':
      return grepClauses(filter);
    case 'record_transformer':
      return recordTransformerClauses(filter);
    default:
      return [`runs the ${type} filter (not interpreted by this plugin)`];
  }
}

/** Parameters of the directive and its children, keyed `child.key`. */
function flatten(
  directive: Directive,
  prefix: string,
): Array<{ key: string; value: string }> {
  return [
    ...directive.params.map(p => ({
      key: `${prefix}${p.key}`,
      value: p.value,
    })),
    ...directive.children.flatMap(child =>
      flatten(child, `${prefix}${child.name}.`),
    ),
  ];
}

function grepClauses(filter: Directive): string[] {
  const clauses = describeRules(filter, 'legacy');
  for (const group of filter.children) {
    if (group.name === 'and' || group.name === 'or') {
      clauses.push(...describeRules(group, group.name));
    }
  }
  return clauses.length > 0 ? clauses : describeGrep([], 'legacy');
}

function describeRules(directive: Directive, logic: GrepLogic): string[] {
  const rules: GrepRule[] = [];
  for (const child of directive.children) {
    if (child.name === 'regexp' || child.name === 'exclude') {
      const field = param(child, 'key');
      const pattern = param(child, 'pattern');
      if (field && pattern) {
        rules.push({
          kind: child.name === 'regexp' ? 'regex' : 'exclude',
          field,
          pattern: unslashed(pattern),
        });
      }
    }
  }
  for (const { key, value } of directive.params) {
    const old = /^(regexp|exclude)\d+$/.exec(key);
    const rule = /^(\S+)\s+(.+)$/.exec(value);
    if (old && rule) {
      rules.push({
        kind: old[1] === 'regexp' ? 'regex' : 'exclude',
        field: rule[1],
        pattern: unslashed(rule[2]),
      });
    }
  }
  return rules.length > 0 ? describeGrep(rules, logic) : [];
}

function recordTransformerClauses(filter: Directive): string[] {
  const clauses: string[] = [];
  if (param(filter, 'renew_record') === 'true') {
    clauses.push('starts each record anew');
  }
  for (const record of filter.children.filter(c => c.name === 'record')) {
    for (const { key, value } of record.params) {
      clauses.push(`sets field ${key} = ${value}`);
    }
  }
  const list = (key: string) =>
    (param(filter, key) ?? '')
      .split(',')
      .map(item => item.trim())
      .filter(Boolean);
  const removed = list('remove_keys');
  if (removed.length > 0) {
    clauses.push(
      `removes ${removed.length > 1 ? 'fields' : 'field'} ${words(removed)}`,
    );
  }
  const kept = list('keep_keys');
  if (kept.length > 0) {
    clauses.push(
      `keeps only ${kept.length > 1 ? 'fields' : 'field'} ${words(kept)}`,
    );
  }
  return clauses.length > 0 ? clauses : ['changes nothing'];
}

function param(directive: Directive, key: string): string | undefined {
  return directive.params.find(p => p.key === key)?.value;
}

/** fluentd writes regexes as `/re/`; the slashes are not part of them. */
function unslashed(pattern: string): string {
  return /^\/(.*)\/[a-z]*$/.exec(pattern)?.[1] ?? pattern;
}

/** fluentd tag patterns: `*` one part, `**` any parts, `{a,b}` alternatives. */
function tagPattern(pattern: string): RegExp {
  let source = '';
  let braces = 0;
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i];
    if (char === '*' && pattern[i + 1] === '*') {
      source += '.*';
      i += 1;
    } else if (char === '*') {
      source += '[^.]*';
    } else if (char === '{') {
      braces += 1;
      source += '(?:';
    } else if (char === '}' && braces > 0) {
      braces -= 1;
      source += ')';
    } else if (char === ',' && braces > 0) {
      source += '|';
    } else {
      source += char.replace(/[.+?^$()|[\]\\]/g, '\\$&');
    }
  }
  try {
    return new RegExp(`^${source}$`);
  } catch {
    // An unbalanced `{` cannot match any tag in fluentd either.
    return /$^/;
  }
}
