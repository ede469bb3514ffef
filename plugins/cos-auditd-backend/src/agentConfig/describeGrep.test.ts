import {
  describeGrep,
  GrepLogic,
  GrepRule,
  sentence,
  words,
} from './describeGrep';

const exclude = (field: string, pattern: string): GrepRule => ({
  kind: 'exclude',
  field,
  pattern,
});
const regex = (field: string, pattern: string): GrepRule => ({
  kind: 'regex',
  field,
  pattern,
});

describe('describeGrep', () => {
  it.each<[string, GrepRule[], GrepLogic, string]>([
    [
      'excluded record types, in the order written',
      [exclude('_AUDIT_TYPE_NAME', '^(PROCTITLE|PATH)$')],
      'legacy',
      'Drops PROCTITLE and PATH records',
    ],
    [
      'one excluded record type without parentheses',
      [exclude('_AUDIT_TYPE_NAME', '^PATH$')],
      'legacy',
      'Drops PATH records',
    ],
    [
      'excluded syscalls, numbers named',
      [exclude('MESSAGE', '^SYSCALL arch=c000003e syscall=(9|54) ')],
      'legacy',
      'Drops mmap and setsockopt syscalls on x86_64',
    ],
    [
      'excluded syscalls ended by \\s, one number without parentheses',
      [exclude('MESSAGE', '^SYSCALL arch=c00000b7 syscall=222\\s')],
      'legacy',
      'Drops mmap syscalls on aarch64',
    ],
    [
      'the same syscalls on both architectures, as one clause',
      [
        exclude('MESSAGE', '^SYSCALL arch=c000003e syscall=(9|54)\\s'),
        exclude('MESSAGE', '^SYSCALL arch=c00000b7 syscall=(222|208)\\s'),
      ],
      'legacy',
      'Drops mmap and setsockopt syscalls on x86_64 and aarch64',
    ],
    [
      'different syscalls per architecture, as two clauses',
      [
        exclude('MESSAGE', '^SYSCALL arch=c000003e syscall=(9|2)\\s'),
        exclude('MESSAGE', '^SYSCALL arch=c00000b7 syscall=222\\s'),
      ],
      'legacy',
      'Drops mmap and open syscalls on x86_64; drops mmap syscalls on aarch64',
    ],
    [
      'unknown syscall numbers and architectures',
      [exclude('MESSAGE', '^SYSCALL arch=40000003 syscall=(9|9999)')],
      'legacy',
      'Drops 9 and 9999 syscalls on arch=40000003',
    ],
    [
      'a number unknown on a known architecture',
      [exclude('MESSAGE', '^SYSCALL arch=c000003e syscall=(9|9999)\\s')],
      'legacy',
      'Drops mmap and 9999 syscalls on x86_64',
    ],
    [
      'an excluded executable, unescaped',
      [exclude('MESSAGE', '^SYSCALL .* exe="/opt/a\\+b/run\\.sh"')],
      'legacy',
      'Drops executions of /opt/a+b/run.sh',
    ],
    [
      'excluded executables, together',
      [
        exclude('MESSAGE', '^SYSCALL .* exe="/usr/bin/ls"'),
        exclude('$MESSAGE', '^SYSCALL .* exe="/bin/sh"'),
      ],
      'legacy',
      'Drops executions of /usr/bin/ls and /bin/sh',
    ],
    [
      'an exe pattern with an unescaped metacharacter, as a plain rule',
      [exclude('MESSAGE', '^SYSCALL .* exe="/usr/bin/.*"')],
      'legacy',
      'Drops records whose MESSAGE matches /^SYSCALL .* exe="/usr/bin/.*"/',
    ],
    [
      'a rule on any other field',
      [exclude('_COMM', '^(sshd|cron)$')],
      'legacy',
      'Drops records whose _COMM matches /^(sshd|cron)$/',
    ],
    [
      'record types on another field, as a plain rule',
      [exclude('MESSAGE', '^(PATH)$')],
      'legacy',
      'Drops records whose MESSAGE matches /^(PATH)$/',
    ],
    [
      'drops of several kinds',
      [
        exclude('_AUDIT_TYPE_NAME', '^(PATH)$'),
        exclude('MESSAGE', '^SYSCALL .* exe="/usr/bin/ls"'),
      ],
      'or',
      'Drops PATH records; drops executions of /usr/bin/ls',
    ],
    [
      'drops that must all match',
      [
        exclude('_COMM', '^sshd$'),
        exclude('_AUDIT_TYPE_NAME', '^(CRED_DISP)$'),
      ],
      'and',
      'Drops records that match all of: records whose _COMM matches /^sshd$/; CRED_DISP records',
    ],
    [
      'alternatives to keep',
      [
        regex('_AUDIT_TYPE_NAME', '^(EXECVE|CWD)$'),
        regex('MESSAGE', '^SYSCALL arch=c000003e syscall=59\\s'),
        regex('MESSAGE', '^SYSCALL arch=c00000b7 syscall=221\\s'),
      ],
      'or',
      'Keeps only records that match any of: EXECVE and CWD records; execve syscalls on x86_64 and aarch64',
    ],
    [
      'one rule to keep',
      [regex('_AUDIT_TYPE_NAME', '^(EXECVE)$')],
      'legacy',
      'Keeps only EXECVE records',
    ],
    [
      'rules that must all match to keep, not merged',
      [
        regex('_AUDIT_TYPE_NAME', '^(EXECVE)$'),
        regex('_AUDIT_TYPE_NAME', '^(CWD)$'),
      ],
      'legacy',
      'Keeps only records that match all of: EXECVE records; CWD records',
    ],
    [
      'keeps and drops together',
      [
        regex('_AUDIT_TYPE_NAME', '^(SYSCALL)$'),
        exclude('MESSAGE', '^SYSCALL .* exe="/bin/sh"'),
      ],
      'legacy',
      'Keeps only SYSCALL records; drops executions of /bin/sh',
    ],
    ['no rules', [], 'legacy', 'Has no rules, so it passes every record'],
  ])('describes %s', (_, rules, logic, description) => {
    expect(sentence(describeGrep(rules, logic))).toBe(description);
  });
});

describe('words', () => {
  it.each([
    [[], ''],
    [['a'], 'a'],
    [['a', 'b'], 'a and b'],
    [['a', 'b', 'c'], 'a, b and c'],
  ])('lists %j as %j', (items, text) => {
    expect(words(items)).toBe(text);
  });
});
