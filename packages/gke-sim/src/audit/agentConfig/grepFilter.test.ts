import { GrepFilter, GrepRule, recordKey } from './grepFilter';

const record = {
  MESSAGE: 'SYSCALL arch=c000003e syscall=59',
  _AUDIT_TYPE_NAME: 'SYSCALL',
  LIST: ['a', 'b'],
};

function rule(kind: GrepRule['kind'], key: string, pattern: string): GrepRule {
  return { kind, key, pattern: new RegExp(pattern) };
}

describe('GrepFilter', () => {
  it.each<[string, GrepRule[], 'legacy' | 'and' | 'or', boolean]>([
    ['no rules keep everything', [], 'legacy', true],
    [
      'Regex that matches keeps',
      [rule('regex', 'MESSAGE', 'syscall=59')],
      'legacy',
      true,
    ],
    [
      'Regex that misses drops',
      [rule('regex', 'MESSAGE', 'syscall=42')],
      'legacy',
      false,
    ],
    [
      'Exclude that matches drops',
      [rule('exclude', '_AUDIT_TYPE_NAME', '^SYSCALL$')],
      'legacy',
      false,
    ],
    [
      'Exclude on a missing key keeps',
      [rule('exclude', 'NOPE', '.')],
      'legacy',
      true,
    ],
    [
      'Regex on a missing key drops',
      [rule('regex', 'NOPE', '.')],
      'legacy',
      false,
    ],
    [
      'Regex on a list value drops',
      [rule('regex', 'LIST', 'a')],
      'legacy',
      false,
    ],
    [
      'legacy needs every Regex and no Exclude',
      [
        rule('regex', 'MESSAGE', 'SYSCALL'),
        rule('exclude', 'MESSAGE', 'c000003e'),
      ],
      'legacy',
      false,
    ],
    [
      'Logical_Op or keeps when one Regex matches',
      [rule('regex', 'MESSAGE', 'nope'), rule('regex', 'MESSAGE', '59')],
      'or',
      true,
    ],
    [
      'Logical_Op and drops when one Regex misses',
      [rule('regex', 'MESSAGE', 'nope'), rule('regex', 'MESSAGE', '59')],
      'and',
      false,
    ],
    [
      'Logical_Op and keeps when one Exclude misses',
      [rule('exclude', 'MESSAGE', 'nope'), rule('exclude', 'MESSAGE', '59')],
      'and',
      true,
    ],
    [
      'Logical_Op or drops when one Exclude matches',
      [rule('exclude', 'MESSAGE', 'nope'), rule('exclude', 'MESSAGE', '59')],
      'or',
      false,
    ],
  ])('%s', (_, rules, logicalOp, expected) => {
    expect(GrepFilter.create({ rules, logicalOp }).admits(record)).toBe(
      expected,
    );
  });

  it.each([
    ['MESSAGE', 'MESSAGE'],
    ['$MESSAGE', 'MESSAGE'],
    ["$_AUDIT_TYPE_NAME['x']", '_AUDIT_TYPE_NAME'],
  ])('reads the record key of %s', (key, expected) => {
    expect(recordKey(key)).toBe(expected);
  });
});
