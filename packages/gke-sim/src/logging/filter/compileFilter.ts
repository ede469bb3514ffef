import { LogEntryJson } from '../LogEntryJson';
import { compareLogTimes, parseLogTime } from '../LogTime';
import { Comparison, FilterExpression } from './ast';
import { severityRank } from './severity';

/** A compiled filter: whether an entry matches. */
export type EntryPredicate = (entry: LogEntryJson) => boolean;

/**
 * Turns a parsed filter into a predicate. Semantics, as in Cloud Logging
 * where the subset reaches:
 * - a comparison on a missing field is false (so `NOT f="x"` matches
 *   entries without `f`, and `f!="x"` does not);
 * - `:` is a case-insensitive substring test (`:*` tests presence), and on
 *   an object it searches every value inside;
 * - `=`/`!=` on text are exact; values compare as numbers when both sides
 *   are numbers, as times on `timestamp`/`receiveTimestamp`, as levels on
 *   `severity`;
 * - a repeated (array) field matches when any element matches;
 * - `=~`/`!~` use JavaScript RegExp in place of RE2 (the same for the
 *   patterns the backend writes).
 */
export function compileFilter(expression: FilterExpression): EntryPredicate {
  switch (expression.kind) {
    case 'all':
      return () => true;
    case 'and': {
      const operands = expression.operands.map(compileFilter);
      return entry => operands.every(operand => operand(entry));
    }
    case 'or': {
      const operands = expression.operands.map(compileFilter);
      return entry => operands.some(operand => operand(entry));
    }
    case 'not': {
      const operand = compileFilter(expression.operand);
      return entry => !operand(entry);
    }
    case 'logId': {
      const suffix = `/logs/${encodeURIComponent(expression.logId)}`;
      return entry =>
        entry.logName.endsWith(suffix) ||
        decodeURIComponent(entry.logName).endsWith(`/logs/${expression.logId}`);
    }
    case 'comparison':
      return compileComparison(expression);
    default:
      throw new Error(
        `Unknown filter expression ${JSON.stringify(expression)}`,
      );
  }
}

type ScalarTest = (actual: unknown) => boolean;

function compileComparison(comparison: Comparison): EntryPredicate {
  const { field, operator } = comparison;
  if (operator === ':' && comparison.value === '*' && !comparison.quoted) {
    return entry => {
      const actual = fieldValue(entry, field);
      return actual !== undefined && actual !== null;
    };
  }
  const test = scalarTest(comparison);
  const negated = operator === '!=' || operator === '!~';
  return entry => {
    const actual = fieldValue(entry, field);
    if (actual === undefined) {
      return false;
    }
    const matches = anyValue(actual, test, operator === ':');
    return negated ? !matches : matches;
  };
}

/** Applies `test` to the value, to each element of a list, and for `:` to each value inside an object. */
function anyValue(
  actual: unknown,
  test: ScalarTest,
  searchInside: boolean,
): boolean {
  if (Array.isArray(actual)) {
    return actual.some(item => anyValue(item, test, searchInside));
  }
  if (typeof actual === 'object' && actual !== null) {
    return searchInside
      ? Object.values(actual).some(item => anyValue(item, test, true))
      : false;
  }
  return test(actual);
}

function scalarTest(comparison: Comparison): ScalarTest {
  const { field, operator, value } = comparison;
  switch (operator) {
    case ':': {
      const needle = value.toLowerCase();
      return actual => textOf(actual).toLowerCase().includes(needle);
    }
    case '=~':
    case '!~': {
      const pattern = new RegExp(value);
      return actual => pattern.test(textOf(actual));
    }
    default:
      break;
  }
  const order = orderingOf(field[0], value);
  const wanted = operator === '!=' ? '=' : operator;
  return actual => {
    const difference = order(actual);
    if (difference === undefined) {
      return false;
    }
    switch (wanted) {
      case '=':
        return difference === 0;
      case '<':
        return difference < 0;
      case '<=':
        return difference <= 0;
      case '>':
        return difference > 0;
      case '>=':
        return difference >= 0;
      default:
        return false;
    }
  };
}

/** How a field's value compares with the filter's value: <0, 0, >0, or undefined if it cannot. */
function orderingOf(
  root: string,
  value: string,
): (actual: unknown) => number | undefined {
  if (root === 'timestamp' || root === 'receiveTimestamp') {
    const wanted = parseLogTime(value);
    return actual => {
      const time =
        typeof actual === 'string' ? parseLogTime(actual) : undefined;
      return time && wanted ? compareLogTimes(time, wanted) : undefined;
    };
  }
  if (root === 'severity') {
    const wanted = severityRank(value);
    return actual => {
      const rank = severityRank(textOf(actual));
      return rank === undefined || wanted === undefined
        ? undefined
        : rank - wanted;
    };
  }
  const wantedNumber = numberOf(value);
  return actual => {
    const text = textOf(actual);
    const actualNumber = typeof actual === 'number' ? actual : numberOf(text);
    if (wantedNumber !== undefined && actualNumber !== undefined) {
      return actualNumber - wantedNumber;
    }
    if (text === value) {
      return 0;
    }
    return text < value ? -1 : 1;
  };
}

function numberOf(text: string): number | undefined {
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text.trim())) {
    return undefined;
  }
  return Number(text);
}

function textOf(actual: unknown): string {
  return typeof actual === 'string' ? actual : String(actual);
}

/** The value at a field path; severity defaults to DEFAULT as in Cloud Logging. */
function fieldValue(entry: LogEntryJson, field: string[]): unknown {
  let current: unknown = entry;
  for (const segment of field) {
    if (
      typeof current !== 'object' ||
      current === null ||
      Array.isArray(current)
    ) {
      return undefined;
    }
    current = (current as Record<string, unknown>)[segment];
  }
  if (current === undefined && field.length === 1 && field[0] === 'severity') {
    return 'DEFAULT';
  }
  return current;
}
