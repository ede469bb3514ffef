import {
  AUDIT_RECORD_TYPES,
  FilterSpec,
  SYSCALLS,
} from '@cos-auditd/backstage-plugin-cos-auditd-common';
import { renderAgentConfig } from './renderAgentConfig';

/** Each `[SECTION]` as its header and trimmed lines, key padding collapsed. */
function sectionsOf(text: string): Array<{ header: string; lines: string[] }> {
  return text
    .trim()
    .split(/\n\n/)
    .map(block => {
      const [header, ...lines] = block.split('\n');
      return {
        header,
        lines: lines.map(line => line.trim().replace(/^(\S+)\s+/, '$1 ')),
      };
    });
}

/** The FILTER sections a spec adds: every one but upstream's two `modify`s. */
function specSections(filters: FilterSpec): string[][] {
  return sectionsOf(renderAgentConfig({ filters }))
    .filter(s => s.header === '[FILTER]' && !s.lines.includes('Name modify'))
    .map(s => s.lines);
}

/** The regexes of a spec's grep rules of one kind, as fluent-bit reads them. */
function rulePatterns(filters: FilterSpec, kind: 'Regex' | 'Exclude') {
  return specSections(filters)
    .flat()
    .filter(line => line.startsWith(`${kind} MESSAGE `))
    .map(line => new RegExp(line.slice(`${kind} MESSAGE `.length)));
}

const execveMessage = (arch: string, syscall: number, exe = '/usr/bin/ls') =>
  `SYSCALL arch=${arch} syscall=${syscall} success=yes exit=0 a0=55d1 a1=55d2 a2=55d3 a3=0 items=2 ppid=1 pid=2 auid=4294967295 uid=0 gid=0 euid=0 suid=0 fsuid=0 egid=0 sgid=0 fsgid=0 tty=pts0 ses=1 comm="ls" exe="${exe}" subj=unconfined key=(null)`;

describe('renderAgentConfig', () => {
  describe('the upstream parts', () => {
    const sections = sectionsOf(renderAgentConfig({ filters: {} }));

    it('reads the audit records from the journal with the systemd input', () => {
      expect(sections[1]).toEqual({
        header: '[INPUT]',
        lines: [
          expect.stringMatching(/^# cos-auditd: /),
          'Name systemd',
          'Alias audit',
          'Tag audit',
          'Systemd_Filter SYSLOG_IDENTIFIER=audit',
          'Path /var/log/journal',
          'DB /var/lib/cos-auditd-fluent-bit/pos-files/audit.db',
        ],
      });
    });

    it('ends with the two modify filters and the stackdriver output, keeping fluent-bit env references', () => {
      expect(
        sections.slice(-3).map(s => [s.header, ...s.lines.slice(1)]),
      ).toEqual([
        [
          '[FILTER]',
          'Name modify',
          'Match audit',
          'Add logging.googleapis.com/local_resource_id k8s_node.${NODE_NAME}',
        ],
        [
          '[FILTER]',
          'Name modify',
          'Match audit',
          'Add logging.googleapis.com/logName linux-auditd',
        ],
        [
          '[OUTPUT]',
          'Name stackdriver',
          'Match audit',
          'Severity_key severity',
          'log_name_key logging.googleapis.com/logName',
          'Resource k8s_node',
          'k8s_cluster_name ${CLUSTER_NAME}',
          'k8s_cluster_location ${CLUSTER_LOCATION}',
          'net.connect_timeout 60',
          'Retry_Limit 14',
          'Workers 1',
        ],
      ]);
    });

    it('starts with the service section that serves the liveness probe on 2024', () => {
      expect(sections[0].header).toBe('[SERVICE]');
      expect(sections[0].lines).toEqual(
        expect.arrayContaining(['HTTP_Server On', 'HTTP_PORT 2024']),
      );
    });
  });

  it.each<[string, FilterSpec, string[][]]>([
    ['no filters', {}, []],
    ['the full preset', { preset: 'full' }, []],
    [
      'the balanced preset',
      { preset: 'balanced' },
      [
        [
          '# cos-auditd: drops the SYSCALL records of mmap, mprotect and setsockopt',
          'Name grep',
          'Match audit',
          'Exclude MESSAGE ^SYSCALL arch=c000003e syscall=(9|10|54)\\s',
          'Exclude MESSAGE ^SYSCALL arch=c00000b7 syscall=(222|226|208)\\s',
        ],
      ],
    ],
    [
      'the exec-and-login preset',
      { preset: 'exec-and-login' },
      [
        [
          '# cos-auditd: keeps only the records of executions and logins (preset exec-and-login)',
          'Name grep',
          'Match audit',
          'Logical_Op or',
          'Regex _AUDIT_TYPE_NAME ^(EXECVE|CWD|PATH|PROCTITLE|USER_AUTH|USER_ACCT|USER_LOGIN|USER_LOGOUT|USER_START|USER_END|USER_CMD|USER_ERR|USER_TTY|CRED_ACQ|CRED_DISP|CRED_REFR|LOGIN)$',
          'Regex MESSAGE ^SYSCALL arch=c000003e syscall=59\\s',
          'Regex MESSAGE ^SYSCALL arch=c00000b7 syscall=221\\s',
        ],
      ],
    ],
    [
      'excluded record types, sorted',
      { excludeRecordTypes: ['PROCTITLE', 'PATH'] },
      [
        [
          '# cos-auditd: drops PATH and PROCTITLE records',
          'Name grep',
          'Match audit',
          'Exclude _AUDIT_TYPE_NAME ^(PATH|PROCTITLE)$',
        ],
      ],
    ],
    [
      'excluded syscalls, skipping numbers an architecture lacks',
      { excludeSyscalls: ['open', 'mmap'] },
      [
        [
          '# cos-auditd: drops the SYSCALL records of mmap and open',
          'Name grep',
          'Match audit',
          'Exclude MESSAGE ^SYSCALL arch=c000003e syscall=(9|2)\\s',
          'Exclude MESSAGE ^SYSCALL arch=c00000b7 syscall=222\\s',
        ],
      ],
    ],
    [
      'a syscall only x86_64 has',
      { excludeSyscalls: ['open'] },
      [
        [
          '# cos-auditd: drops the SYSCALL records of open',
          'Name grep',
          'Match audit',
          'Exclude MESSAGE ^SYSCALL arch=c000003e syscall=2\\s',
        ],
      ],
    ],
    [
      'the balanced preset with more syscalls, deduplicated',
      { preset: 'balanced', excludeSyscalls: ['setsockopt', 'connect'] },
      [
        [
          '# cos-auditd: drops the SYSCALL records of connect, mmap, mprotect and setsockopt',
          'Name grep',
          'Match audit',
          'Exclude MESSAGE ^SYSCALL arch=c000003e syscall=(42|9|10|54)\\s',
          'Exclude MESSAGE ^SYSCALL arch=c00000b7 syscall=(203|222|226|208)\\s',
        ],
      ],
    ],
    [
      'excluded executables, regex-escaped',
      { excludeExecutables: ['/usr/bin/ls', '/opt/tool+x/run.sh'] },
      [
        [
          '# cos-auditd: drops the SYSCALL records of programs run from /opt/tool+x/run.sh and /usr/bin/ls',
          'Name grep',
          'Match audit',
          'Exclude MESSAGE ^SYSCALL .* exe="/opt/tool\\+x/run\\.sh"',
          'Exclude MESSAGE ^SYSCALL .* exe="/usr/bin/ls"',
        ],
      ],
    ],
    [
      'a throttle',
      { throttle: { rate: 500, window: 10, interval: '5s' } },
      [
        [
          '# cos-auditd: lets through at most 500 records per 5s on average over 10 intervals',
          'Name throttle',
          'Match audit',
          'Rate 500',
          'Window 10',
          'Interval 5s',
          'Print_Status true',
        ],
      ],
    ],
  ])('renders %s', (_, filters, expected) => {
    expect(specSections(filters)).toEqual(expected);
  });

  it('orders its sections: keep, drop record types, syscalls, executables, then throttle', () => {
    const names = specSections({
      throttle: { rate: 1, window: 1, interval: '1s' },
      excludeExecutables: ['/bin/sh'],
      excludeSyscalls: ['mmap'],
      excludeRecordTypes: ['PATH'],
      preset: 'exec-and-login',
    }).map(lines => lines[0]);
    expect(names).toEqual([
      expect.stringContaining('keeps only'),
      expect.stringContaining('drops PATH records'),
      expect.stringContaining('SYSCALL records of mmap'),
      expect.stringContaining('programs run from /bin/sh'),
      expect.stringContaining('lets through'),
    ]);
  });

  it('renders the same text whatever the order of the lists', () => {
    expect(
      renderAgentConfig({
        filters: {
          excludeSyscalls: ['mmap', 'bind'],
          excludeRecordTypes: ['PATH', 'CWD'],
        },
      }),
    ).toBe(
      renderAgentConfig({
        filters: {
          excludeRecordTypes: ['CWD', 'PATH'],
          excludeSyscalls: ['bind', 'mmap'],
        },
      }),
    );
  });

  describe('the patterns, as fluent-bit applies them to MESSAGE', () => {
    it('drops an excluded syscall on both architectures, and no syscall whose number only starts the same', () => {
      const patterns = rulePatterns({ excludeSyscalls: ['mmap'] }, 'Exclude');
      const dropped = (message: string) => patterns.some(p => p.test(message));
      expect(dropped(execveMessage('c000003e', 9))).toBe(true);
      expect(dropped(execveMessage('c00000b7', 222))).toBe(true);
      expect(dropped(execveMessage('c000003e', 90))).toBe(false);
      expect(dropped(execveMessage('c00000b7', 9))).toBe(false);
    });

    it('keeps execve records only, on both architectures, for exec-and-login', () => {
      const patterns = rulePatterns({ preset: 'exec-and-login' }, 'Regex');
      const kept = (message: string) => patterns.some(p => p.test(message));
      expect(kept(execveMessage('c000003e', 59))).toBe(true);
      expect(kept(execveMessage('c00000b7', 221))).toBe(true);
      expect(kept(execveMessage('c000003e', 590))).toBe(false);
      expect(kept(execveMessage('c000003e', 221))).toBe(false);
    });

    it('drops the SYSCALL records of an excluded executable and of no other', () => {
      const patterns = rulePatterns(
        { excludeExecutables: ['/usr/bin/ls', '/opt/run.sh'] },
        'Exclude',
      );
      const dropped = (message: string) => patterns.some(p => p.test(message));
      expect(dropped(execveMessage('c000003e', 59, '/usr/bin/ls'))).toBe(true);
      expect(dropped(execveMessage('c000003e', 59, '/opt/run.sh'))).toBe(true);
      expect(dropped(execveMessage('c000003e', 59, '/usr/bin/lsblk'))).toBe(
        false,
      );
      expect(dropped(execveMessage('c000003e', 59, '/opt/runxsh'))).toBe(false);
      expect(dropped('CWD cwd="/usr/bin/ls"')).toBe(false);
    });
  });

  describe('never lets a value open a section or a directive', () => {
    const KNOWN_HEADERS = ['[SERVICE]', '[INPUT]', '[FILTER]', '[OUTPUT]'];

    /** Every line is blank, a known header, a comment, or `Key Value` on one indented line. */
    function expectOnlyWellFormedLines(text: string) {
      for (const line of text.split('\n')) {
        const trimmed = line.trim();
        if (trimmed === '' || KNOWN_HEADERS.includes(line)) {
          continue;
        }
        expect(line).toMatch(/^ {4}(# cos-auditd: |[A-Za-z0-9_.]+ +\S)/);
        expect(trimmed).not.toMatch(/^[[@]/);
        expect(line).not.toMatch(/\r/);
      }
    }

    it.each<[string, unknown]>([
      [
        'a newline in a path',
        { excludeExecutables: ['/usr/bin/ls\n[OUTPUT]'] },
      ],
      ['a quote in a path', { excludeExecutables: ['/usr/bin/ls" .*'] }],
      ['a relative path', { excludeExecutables: ['usr/bin/ls'] }],
      ['a dot-dot path', { excludeExecutables: ['/usr/../bin/ls'] }],
      [
        'an env reference in a path',
        { excludeExecutables: ['/opt/${HOME}/x'] },
      ],
      [
        'a carriage return in a path',
        { excludeExecutables: ['/bin/sh\r@INCLUDE /etc/x'] },
      ],
      [
        'a directive in a record type',
        { excludeRecordTypes: ['PATH\n@INCLUDE /etc/passwd'] },
      ],
      ['a regex in a record type', { excludeRecordTypes: ['PATH|.*'] }],
      ['an unknown syscall', { excludeSyscalls: ['mmap)\n[FILTER]'] }],
      [
        'a section in the interval',
        { throttle: { rate: 1, window: 1, interval: '1s\n[INPUT]' } },
      ],
      [
        'a string rate',
        { throttle: { rate: '1\n@SET a=b', window: 1, interval: '1s' } },
      ],
      [
        'an unknown throttle key',
        { throttle: { rate: 1, window: 1, interval: '1s', Match: '*' } },
      ],
      ['an unknown preset', { preset: 'full\n[OUTPUT]' }],
      ['an unknown field', { excludeTags: ['audit'] }],
      ['not an object', '[FILTER]'],
    ])('refuses %s', (_, filters) => {
      expect(() =>
        renderAgentConfig({ filters: filters as FilterSpec }),
      ).toThrow(/invalid filters/);
    });

    it.each<[string, FilterSpec]>([
      ['every record type', { excludeRecordTypes: [...AUDIT_RECORD_TYPES] }],
      [
        'every syscall',
        { excludeSyscalls: Object.keys(SYSCALLS).slice(0, 64) },
      ],
      [
        'paths made of every character allowed',
        {
          excludeExecutables: [
            '/@x/+y/-z/a.b_c',
            '/usr/lib/@scope/bin/a+b',
            `/${'a'.repeat(254)}`,
          ],
        },
      ],
      [
        'the largest throttle',
        { throttle: { rate: 1_000_000, window: 3600, interval: '9999d' } },
      ],
      [
        'everything at once',
        {
          preset: 'exec-and-login',
          excludeRecordTypes: ['PATH'],
          excludeSyscalls: ['open'],
          excludeExecutables: ['/bin/sh'],
          throttle: { rate: 1, window: 1, interval: '1s' },
        },
      ],
    ])('renders only well-formed lines for %s', (_, filters) => {
      const text = renderAgentConfig({ filters });
      expectOnlyWellFormedLines(text);
      expect(
        text.split('\n').filter(line => line.startsWith('[')),
      ).toHaveLength(sectionsOf(text).length);
    });
  });
});
