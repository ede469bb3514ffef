import { JournalFields } from '../records';
import { RecordFilter } from './RecordFilter';

/** A compiled grep rule: keep records matching (`regex`) or drop them (`exclude`). */
export type GrepRule = {
  kind: 'regex' | 'exclude';
  key: string;
  pattern: RegExp;
};

/**
 * fluent-bit's grep filter (and fluentd's, which has the same semantics
 * without Logical_Op). Without a logical operator a record must match
 * every Regex rule and no Exclude rule. With `Logical_Op and|or` the rules
 * (all Regex or all Exclude) are combined with it. A key that is missing or
 * not a string does not match.
 */
export class GrepFilter implements RecordFilter {
  readonly #rules: GrepRule[];
  readonly #logicalOp: 'legacy' | 'and' | 'or';

  static create(options: {
    rules: GrepRule[];
    logicalOp?: 'legacy' | 'and' | 'or';
  }): GrepFilter {
    return new GrepFilter(options.rules, options.logicalOp ?? 'legacy');
  }

  private constructor(rules: GrepRule[], logicalOp: 'legacy' | 'and' | 'or') {
    this.#rules = rules;
    this.#logicalOp = logicalOp;
  }

  admits(record: JournalFields): boolean {
    const rules = this.#rules;
    if (rules.length === 0) {
      return true;
    }
    const matched = (rule: GrepRule) => {
      const value = record[rule.key];
      return typeof value === 'string' && rule.pattern.test(value);
    };
    if (this.#logicalOp === 'legacy') {
      return rules.every(rule =>
        rule.kind === 'regex' ? matched(rule) : !matched(rule),
      );
    }
    const combined =
      this.#logicalOp === 'and' ? rules.every(matched) : rules.some(matched);
    return rules[0].kind === 'regex' ? combined : !combined;
  }
}

/** fluent-bit's record accessor `$KEY` (or `$KEY['sub']`, flattened) names the field `KEY`. */
export function recordKey(key: string): string {
  const plain = key.startsWith('$') ? key.slice(1) : key;
  return plain.replace(/\[['"]?([^'"\]]+)['"]?\]$/, '');
}
