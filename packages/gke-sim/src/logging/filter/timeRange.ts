import { compareLogTimes, LogTime, parseLogTime } from '../LogTime';
import { FilterExpression } from './ast';

/** The time bounds a filter implies; inclusive, so they may be wider than the filter. */
export type TimeRange = { from?: LogTime; until?: LogTime };

/**
 * The `timestamp` bounds that every matching entry must lie within, from the
 * filter's top-level AND terms. The store uses them to skip straight to the
 * right part of the log instead of testing every entry.
 */
export function timeRangeOf(expression: FilterExpression): TimeRange {
  switch (expression.kind) {
    case 'and':
      return expression.operands.map(timeRangeOf).reduce(intersect, {});
    case 'comparison': {
      if (
        expression.field.length !== 1 ||
        expression.field[0] !== 'timestamp'
      ) {
        return {};
      }
      const time = parseLogTime(expression.value);
      if (!time) {
        return {};
      }
      switch (expression.operator) {
        case '>':
        case '>=':
          return { from: time };
        case '<':
        case '<=':
          return { until: time };
        case '=':
          return { from: time, until: time };
        default:
          return {};
      }
    }
    default:
      return {};
  }
}

function intersect(a: TimeRange, b: TimeRange): TimeRange {
  return {
    from: later(a.from, b.from),
    until: earlier(a.until, b.until),
  };
}

function later(a?: LogTime, b?: LogTime): LogTime | undefined {
  if (!a || !b) {
    return a ?? b;
  }
  return compareLogTimes(a, b) >= 0 ? a : b;
}

function earlier(a?: LogTime, b?: LogTime): LogTime | undefined {
  if (!a || !b) {
    return a ?? b;
  }
  return compareLogTimes(a, b) <= 0 ? a : b;
}
