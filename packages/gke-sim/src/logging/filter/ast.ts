/** The comparison operators of the Logging query language subset. */
export type ComparisonOperator =
  | '='
  | '!='
  | '<'
  | '<='
  | '>'
  | '>='
  | ':'
  | '=~'
  | '!~';

/**
 * A parsed filter. Value lists (`field=("a" OR "b")`) are expanded into
 * comparisons joined by the list's operators, so the evaluator only sees
 * plain comparisons.
 */
export type FilterExpression =
  | { kind: 'all' }
  | { kind: 'and'; operands: FilterExpression[] }
  | { kind: 'or'; operands: FilterExpression[] }
  | { kind: 'not'; operand: FilterExpression }
  | Comparison
  | { kind: 'logId'; logId: string };

/** `field OP value`; `value` is `*` with `:` to test presence. */
export type Comparison = {
  kind: 'comparison';
  /** Path segments, e.g. `['jsonPayload', '_AUDIT_TYPE_NAME']`. */
  field: string[];
  operator: ComparisonOperator;
  value: string;
  /** Whether the value was written as a quoted string (`"*"` is not a wildcard). */
  quoted: boolean;
};
