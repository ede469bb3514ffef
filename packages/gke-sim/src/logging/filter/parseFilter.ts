import { parseLogTime } from '../LogTime';
import { Comparison, ComparisonOperator, FilterExpression } from './ast';
import { FilterSyntaxError } from './FilterSyntaxError';
import { severityRank } from './severity';

/** The LogEntry fields a filter may start with. */
const FIELD_ROOTS = new Set([
  'logName',
  'resource',
  'labels',
  'jsonPayload',
  'textPayload',
  'timestamp',
  'receiveTimestamp',
  'insertId',
  'severity',
  'trace',
  'spanId',
  'traceSampled',
  'httpRequest',
  'operation',
  'sourceLocation',
  'split',
]);

/** Longest first, so `<=` is not read as `<`. */
const OPERATORS: ComparisonOperator[] = [
  '<=',
  '>=',
  '!=',
  '=~',
  '!~',
  '=',
  '<',
  '>',
  ':',
];

const IDENTIFIER = /[A-Za-z_][A-Za-z0-9_]*/y;
const SEGMENT = /[A-Za-z0-9_]+/y;

/** What `\n`, `\t` and `\r` stand for in a quoted string; other escapes are the character itself. */
const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r' };

class FilterParser {
  readonly #text: string;
  #position = 0;

  constructor(text: string) {
    this.#text = text;
  }

  parse(): FilterExpression {
    this.#skipSpace();
    if (this.#atEnd()) {
      return { kind: 'all' };
    }
    const expression = this.#conjunction();
    this.#skipSpace();
    if (!this.#atEnd()) {
      if (this.#peek() === ')') {
        this.#fail('unbalanced parentheses: ")" has no matching "("');
      }
      this.#fail(`unexpected "${this.#peek()}"`);
    }
    return expression;
  }

  #conjunction(): FilterExpression {
    const operands = [this.#disjunction()];
    for (;;) {
      this.#skipSpace();
      if (this.#atEnd() || this.#peek() === ')') {
        break;
      }
      // Juxtaposition is an implicit AND.
      this.#keyword('AND');
      operands.push(this.#disjunction());
    }
    return operands.length === 1 ? operands[0] : { kind: 'and', operands };
  }

  #disjunction(): FilterExpression {
    const operands = [this.#unary()];
    for (;;) {
      this.#skipSpace();
      if (!this.#keyword('OR')) {
        break;
      }
      operands.push(this.#unary());
    }
    return operands.length === 1 ? operands[0] : { kind: 'or', operands };
  }

  #unary(): FilterExpression {
    this.#skipSpace();
    if (this.#keyword('NOT')) {
      return { kind: 'not', operand: this.#unary() };
    }
    if (
      this.#peek() === '-' &&
      /\S/.test(this.#text[this.#position + 1] ?? ' ')
    ) {
      this.#position += 1;
      return { kind: 'not', operand: this.#unary() };
    }
    return this.#primary();
  }

  #primary(): FilterExpression {
    this.#skipSpace();
    const start = this.#position;
    if (this.#atEnd()) {
      this.#fail('expected a comparison, but the filter ends');
    }
    const next = this.#peek();
    if (next === '(') {
      this.#position += 1;
      this.#skipSpace();
      if (this.#peek() === ')') {
        this.#fail('empty parentheses');
      }
      const inner = this.#conjunction();
      this.#skipSpace();
      if (this.#peek() !== ')') {
        this.#fail('unbalanced parentheses: "(" is not closed', start);
      }
      this.#position += 1;
      return inner;
    }
    if (next === ')') {
      this.#fail('expected a comparison, found ")"');
    }
    if (next === '"') {
      this.#string();
      this.#fail(
        'a bare value (global restriction) is not supported; write FIELD OPERATOR VALUE',
        start,
      );
    }
    return this.#restriction();
  }

  #restriction(): FilterExpression {
    const start = this.#position;
    const name = this.#match(IDENTIFIER);
    if (name === undefined) {
      this.#fail(`expected a field name, found "${this.#peek()}"`);
    }
    if (name === 'AND' || name === 'OR') {
      this.#fail(`expected a comparison before ${name}`, start);
    }
    if (this.#peek() === '(') {
      return this.#functionCall(name, start);
    }
    const field = [name];
    while (this.#peek() === '.') {
      this.#position += 1;
      if (this.#peek() === '"') {
        field.push(this.#string());
        continue;
      }
      const segment = this.#match(SEGMENT);
      if (segment === undefined) {
        this.#fail(`expected a field name after "${field.join('.')}."`);
      }
      field.push(segment);
    }
    this.#skipSpace();
    const operator = this.#operator();
    if (operator === undefined) {
      this.#fail(
        `"${field.join(
          '.',
        )}" is a bare word (global restriction), which is not supported; write FIELD OPERATOR VALUE`,
        start,
      );
    }
    if (!FIELD_ROOTS.has(name)) {
      this.#fail(`unknown field "${field.join('.')}"`, start);
    }
    this.#skipSpace();
    if (this.#peek() === '(') {
      this.#position += 1;
      const list = this.#valueConjunction(field, operator);
      this.#skipSpace();
      if (this.#peek() !== ')') {
        this.#fail('unbalanced parentheses: the value list is not closed');
      }
      this.#position += 1;
      return list;
    }
    return this.#comparison(field, operator);
  }

  #functionCall(name: string, start: number): FilterExpression {
    if (name !== 'log_id') {
      this.#fail(`unknown function "${name}"`, start);
    }
    this.#position += 1;
    this.#skipSpace();
    if (this.#peek() !== '"') {
      this.#fail('log_id needs a quoted log id');
    }
    const logId = this.#string();
    this.#skipSpace();
    if (this.#peek() !== ')') {
      this.#fail('log_id takes one argument; expected ")"');
    }
    this.#position += 1;
    return { kind: 'logId', logId };
  }

  #valueConjunction(
    field: string[],
    operator: ComparisonOperator,
  ): FilterExpression {
    const operands = [this.#valueDisjunction(field, operator)];
    for (;;) {
      this.#skipSpace();
      if (this.#atEnd() || this.#peek() === ')') {
        break;
      }
      this.#keyword('AND');
      operands.push(this.#valueDisjunction(field, operator));
    }
    return operands.length === 1 ? operands[0] : { kind: 'and', operands };
  }

  #valueDisjunction(
    field: string[],
    operator: ComparisonOperator,
  ): FilterExpression {
    const operands = [this.#valueUnary(field, operator)];
    for (;;) {
      this.#skipSpace();
      if (!this.#keyword('OR')) {
        break;
      }
      operands.push(this.#valueUnary(field, operator));
    }
    return operands.length === 1 ? operands[0] : { kind: 'or', operands };
  }

  #valueUnary(field: string[], operator: ComparisonOperator): FilterExpression {
    this.#skipSpace();
    if (this.#keyword('NOT')) {
      return { kind: 'not', operand: this.#valueUnary(field, operator) };
    }
    if (this.#peek() === '(') {
      const start = this.#position;
      this.#position += 1;
      const inner = this.#valueConjunction(field, operator);
      this.#skipSpace();
      if (this.#peek() !== ')') {
        this.#fail('unbalanced parentheses: "(" is not closed', start);
      }
      this.#position += 1;
      return inner;
    }
    return this.#comparison(field, operator);
  }

  #comparison(field: string[], operator: ComparisonOperator): Comparison {
    this.#skipSpace();
    const start = this.#position;
    let value: string;
    let quoted = false;
    if (this.#peek() === '"') {
      value = this.#string();
      quoted = true;
    } else {
      const bare = /[^\s()"]+/y;
      const word = this.#match(bare);
      if (word === undefined || ['AND', 'OR', 'NOT'].includes(word)) {
        this.#fail(
          `expected a value after "${field.join('.')} ${operator}"`,
          start,
        );
      }
      value = word;
    }
    this.#checkValue(field, operator, value, quoted, start);
    return { kind: 'comparison', field, operator, value, quoted };
  }

  /** Rejects values the evaluator could only compare wrongly. */
  #checkValue(
    field: string[],
    operator: ComparisonOperator,
    value: string,
    quoted: boolean,
    position: number,
  ): void {
    if (operator === '=~' || operator === '!~') {
      try {
        RegExp(value);
      } catch (error) {
        this.#fail(
          `invalid regular expression: ${(error as Error).message}`,
          position,
        );
      }
      return;
    }
    if (operator === ':' && value === '*' && !quoted) {
      return;
    }
    const root = field[0];
    if (
      (root === 'timestamp' || root === 'receiveTimestamp') &&
      operator !== ':' &&
      parseLogTime(value) === undefined
    ) {
      this.#fail(`"${value}" is not an RFC 3339 time`, position);
    }
    if (
      root === 'severity' &&
      operator !== ':' &&
      severityRank(value) === undefined
    ) {
      this.#fail(`"${value}" is not a severity`, position);
    }
  }

  #operator(): ComparisonOperator | undefined {
    for (const operator of OPERATORS) {
      if (this.#text.startsWith(operator, this.#position)) {
        this.#position += operator.length;
        return operator;
      }
    }
    return undefined;
  }

  /** Reads a double-quoted string with `\"` and `\\` escapes. */
  #string(): string {
    const start = this.#position;
    this.#position += 1;
    let value = '';
    while (!this.#atEnd()) {
      const char = this.#text[this.#position];
      if (char === '"') {
        this.#position += 1;
        return value;
      }
      if (char === '\\') {
        const escaped = this.#text[this.#position + 1];
        if (escaped === undefined) {
          break;
        }
        value += ESCAPES[escaped] ?? escaped;
        this.#position += 2;
        continue;
      }
      value += char;
      this.#position += 1;
    }
    return this.#fail('unterminated string', start);
  }

  /** Consumes `word` if it is next as a whole word. */
  #keyword(word: string): boolean {
    if (!this.#text.startsWith(word, this.#position)) {
      return false;
    }
    const after = this.#text[this.#position + word.length];
    if (after !== undefined && !/[\s("-]/.test(after)) {
      return false;
    }
    this.#position += word.length;
    return true;
  }

  #match(pattern: RegExp): string | undefined {
    pattern.lastIndex = this.#position;
    const match = pattern.exec(this.#text);
    if (!match) {
      return undefined;
    }
    this.#position += match[0].length;
    return match[0];
  }

  #skipSpace(): void {
    while (!this.#atEnd() && /\s/.test(this.#text[this.#position])) {
      this.#position += 1;
    }
  }

  #peek(): string | undefined {
    return this.#text[this.#position];
  }

  #atEnd(): boolean {
    return this.#position >= this.#text.length;
  }

  #fail(problem: string, position = this.#position): never {
    throw new FilterSyntaxError(problem, position);
  }
}

/**
 * Parses the subset of the Logging query language the simulator supports:
 * comparisons on LogEntry fields, `log_id("…")`, value lists, AND, OR, NOT
 * and `-`, implicit AND, parentheses. As in Cloud Logging, NOT binds
 * tightest, then OR, then AND: `a OR b AND c` is `(a OR b) AND c`.
 * Throws FilterSyntaxError for anything else.
 */
export function parseFilter(filter: string): FilterExpression {
  return new FilterParser(filter).parse();
}
