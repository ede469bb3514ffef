export { parseFilter } from './parseFilter';
export { compileFilter } from './compileFilter';
export type { EntryPredicate } from './compileFilter';
export { timeRangeOf } from './timeRange';
export type { TimeRange } from './timeRange';
export { FilterSyntaxError } from './FilterSyntaxError';
export type { Comparison, ComparisonOperator, FilterExpression } from './ast';
