import { agentRegex } from './agentRegex';
import { CompiledFilters } from './fluentBitFilters';
import { GrepFilter, GrepRule } from './grepFilter';

/** The tag the legacy agent's systemd source gives audit records. */
const LEGACY_TAG = 'linux-auditd';

/**
 * The `<filter PATTERN> @type grep` blocks of a legacy fluentd
 * configuration that cover the audit tag, with their `<regexp>` and
 * `<exclude>` sections (`key`, `pattern /R/`) and the older
 * `regexpN KEY R` / `excludeN KEY R` lines. Other filter types are noted.
 */
export function fluentdFilters(text: string): CompiledFilters {
  const result: CompiledFilters = { filters: [], invalidRules: 0, notes: [] };
  const blocks = text.matchAll(/<filter\s+([^>]*)>([\s\S]*?)<\/filter>/g);
  for (const [, patterns, body] of blocks) {
    if (
      !patterns
        .trim()
        .split(/\s+/)
        .some(pattern => tagPattern(pattern).test(LEGACY_TAG))
    ) {
      continue;
    }
    const type = /@type\s+(\S+)/.exec(body)?.[1];
    if (type !== 'grep') {
      result.notes.push(
        `<filter ${patterns.trim()}> of @type ${type ?? '?'} is not applied`,
      );
      continue;
    }
    const rules: GrepRule[] = [];
    const add = (
      kind: GrepRule['kind'],
      key: string | undefined,
      source: string | undefined,
    ) => {
      const pattern = source ? agentRegex(unslashed(source)) : undefined;
      if (!key || !pattern) {
        result.invalidRules += 1;
        result.notes.push(
          `grep ${kind} on "${key ?? '?'}" is skipped: no valid pattern`,
        );
        return;
      }
      rules.push({ kind, key, pattern });
    };
    for (const [, kind, section] of body.matchAll(
      /<(regexp|exclude)>([\s\S]*?)<\/\1>/g,
    )) {
      add(
        kind === 'regexp' ? 'regex' : 'exclude',
        /^\s*key\s+(\S+)/m.exec(section)?.[1],
        /^\s*pattern\s+(.+?)\s*$/m.exec(section)?.[1],
      );
    }
    for (const [, kind, key, source] of body.matchAll(
      /^\s*(regexp|exclude)\d+\s+(\S+)\s+(.+?)\s*$/gm,
    )) {
      add(kind === 'regexp' ? 'regex' : 'exclude', key, source);
    }
    result.filters.push(GrepFilter.create({ rules }));
  }
  return result;
}

function unslashed(source: string): string {
  const match = /^\/(.*)\/[a-z]*$/.exec(source);
  return match ? match[1] : source;
}

/** fluentd tag patterns: `*` one part, `**` any parts, `{a,b}` alternatives. */
function tagPattern(pattern: string): RegExp {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i];
    if (char === '*' && pattern[i + 1] === '*') {
      source += '.*';
      i += 1;
    } else if (char === '*') {
      source += '[^.]*';
    } else if (char === '{') {
      source += '(';
    } else if (char === '}') {
      source += ')';
    } else if (char === ',') {
      source += '|';
    } else {
      source += char.replace(/[.+?^$()|[\]\\]/g, '\\$&');
    }
  }
  return new RegExp(`^${source}$`);
}
