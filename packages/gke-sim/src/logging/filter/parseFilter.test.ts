import { FilterExpression } from './ast';
import { FilterSyntaxError } from './FilterSyntaxError';
import { parseFilter } from './parseFilter';

function eq(field: string, value: string, quoted = true): FilterExpression {
  return {
    kind: 'comparison',
    field: field.split('.'),
    operator: '=',
    value,
    quoted,
  };
}

describe('parseFilter', () => {
  it.each<[string, FilterExpression]>([
    ['', { kind: 'all' }],
    ['resource.type="k8s_node"', eq('resource.type', 'k8s_node')],
    ['resource.type=k8s_node', eq('resource.type', 'k8s_node', false)],
    ['insertId="abc"', eq('insertId', 'abc')],
  ])('parses %j', (filter, expected) => {
    expect(parseFilter(filter)).toEqual(expected);
  });

  it('binds OR tighter than AND, as Cloud Logging does', () => {
    expect(
      parseFilter('labels.a="1" OR labels.b="2" AND labels.c="3"'),
    ).toEqual({
      kind: 'and',
      operands: [
        { kind: 'or', operands: [eq('labels.a', '1'), eq('labels.b', '2')] },
        eq('labels.c', '3'),
      ],
    });
  });

  it('reads juxtaposed comparisons as AND', () => {
    expect(parseFilter('labels.a="1" labels.b="2"')).toEqual({
      kind: 'and',
      operands: [eq('labels.a', '1'), eq('labels.b', '2')],
    });
  });

  it.each(['NOT labels.a="1"', '-labels.a="1"'])('negates with %s', filter => {
    expect(parseFilter(filter)).toEqual({
      kind: 'not',
      operand: eq('labels.a', '1'),
    });
  });

  it('groups with parentheses', () => {
    expect(
      parseFilter('labels.a="1" AND (labels.b="2" OR labels.c="3")'),
    ).toEqual({
      kind: 'and',
      operands: [
        eq('labels.a', '1'),
        { kind: 'or', operands: [eq('labels.b', '2'), eq('labels.c', '3')] },
      ],
    });
  });

  it('expands a value list into comparisons', () => {
    expect(
      parseFilter('jsonPayload._AUDIT_TYPE_NAME=("SYSCALL" OR "EXECVE")'),
    ).toEqual({
      kind: 'or',
      operands: [
        eq('jsonPayload._AUDIT_TYPE_NAME', 'SYSCALL'),
        eq('jsonPayload._AUDIT_TYPE_NAME', 'EXECVE'),
      ],
    });
  });

  it('reads quoted field names and string escapes', () => {
    expect(
      parseFilter(
        'labels."compute.googleapis.com/resource_name"="a \\"b\\" \\\\c"',
      ),
    ).toEqual({
      kind: 'comparison',
      field: ['labels', 'compute.googleapis.com/resource_name'],
      operator: '=',
      value: 'a "b" \\c',
      quoted: true,
    });
  });

  it.each(['=', '!=', '<', '<=', '>', '>=', ':', '=~', '!~'])(
    'reads the operator %s',
    operator => {
      expect(parseFilter(`jsonPayload._AUDIT_ID${operator}"12"`)).toMatchObject(
        { operator },
      );
    },
  );

  it('reads log_id()', () => {
    expect(parseFilter('log_id("linux-auditd")')).toEqual({
      kind: 'logId',
      logId: 'linux-auditd',
    });
  });

  it.each([
    [
      '(labels.a="1"',
      /unbalanced parentheses: "\(" is not closed at position 1$/,
    ],
    [
      'labels.a="1")',
      /unbalanced parentheses: "\)" has no matching "\(" at position 13$/,
    ],
    ['hello', /"hello" is a bare word \(global restriction\).* at position 1$/],
    [
      '"hello"',
      /bare value \(global restriction\) is not supported; write FIELD OPERATOR VALUE at position 1$/,
    ],
    ['foo.bar="x"', /unknown field "foo.bar" at position 1$/],
    ['search("x")', /unknown function "search" at position 1$/],
    ['labels.a=', /expected a value after "labels.a =" at position 10$/],
    ['labels.a="x', /unterminated string at position 10$/],
    [
      'labels.a="1" AND',
      /expected a comparison, but the filter ends at position 17$/,
    ],
    [
      'timestamp>="yesterday"',
      /"yesterday" is not an RFC 3339 time at position 12$/,
    ],
    ['severity>=LOUD', /"LOUD" is not a severity at position 11$/],
    ['labels.a=~"("', /invalid regular expression/],
  ])('refuses %j', (filter, message) => {
    expect(() => parseFilter(filter)).toThrow(FilterSyntaxError);
    expect(() => parseFilter(filter)).toThrow(message);
  });
});
