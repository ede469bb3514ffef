import { readFluentdFilters } from './readFluentdFilters';

/** A legacy configuration: the systemd source and Cloud Logging output around `filters`. */
const fluentdConf = (...filters: string[]) =>
  [
    '<source>',
    '  @type systemd',
    '  filters [{ "SYSLOG_IDENTIFIER": "audit" }]',
    '  tag linux-auditd',
    '</source>',
    ...filters,
    '<match **>',
    '  @type google_cloud',
    '  use_grpc true',
    '</match>',
  ].join('\n');

describe('readFluentdFilters', () => {
  it('finds no filters in the legacy default configuration', () => {
    expect(readFluentdFilters(fluentdConf())).toEqual({
      sections: [],
      notes: [],
    });
  });

  it('describes a grep with exclude sections, settings flattened in order', () => {
    const { sections, notes } = readFluentdFilters(
      fluentdConf(
        '<filter linux-auditd>',
        '  @type grep',
        '  <exclude>',
        '    key _AUDIT_TYPE_NAME',
        '    pattern /^(PROCTITLE|PATH)$/',
        '  </exclude>',
        '  <exclude>',
        '    key MESSAGE',
        '    pattern /^SYSCALL .* exe="/usr/bin/ls"/',
        '  </exclude>',
        '</filter>',
      ),
    );
    expect(notes).toEqual([]);
    expect(sections).toEqual([
      {
        kind: 'grep',
        description:
          'Drops PROCTITLE and PATH records; drops executions of /usr/bin/ls',
        settings: [
          { key: 'match', value: 'linux-auditd' },
          { key: '@type', value: 'grep' },
          { key: 'exclude.key', value: '_AUDIT_TYPE_NAME' },
          { key: 'exclude.pattern', value: '/^(PROCTITLE|PATH)$/' },
          { key: 'exclude.key', value: 'MESSAGE' },
          { key: 'exclude.pattern', value: '/^SYSCALL .* exe="/usr/bin/ls"/' },
        ],
      },
    ]);
  });

  it.each<[string, string[], string]>([
    [
      'regexp sections, all of which must match',
      [
        '<filter **>',
        '  @type grep',
        '  <regexp>',
        '    key _AUDIT_TYPE_NAME',
        '    pattern /^(EXECVE)$/',
        '  </regexp>',
        '  <regexp>',
        '    key _COMM',
        '    pattern /^bash$/',
        '  </regexp>',
        '</filter>',
      ],
      'Keeps only records that match all of: EXECVE records; records whose _COMM matches /^bash$/',
    ],
    [
      'the older excludeN lines',
      [
        '<filter linux-*>',
        '  @type grep',
        '  exclude1 _AUDIT_TYPE_NAME ^(PATH)$',
        '</filter>',
      ],
      'Drops PATH records',
    ],
    [
      'an <or> group of regexps',
      [
        '<filter linux-auditd>',
        '  @type grep',
        '  <or>',
        '    <regexp>',
        '      key _AUDIT_TYPE_NAME',
        '      pattern /^(EXECVE)$/',
        '    </regexp>',
        '    <regexp>',
        '      key MESSAGE',
        '      pattern /^SYSCALL arch=c000003e syscall=59 /',
        '    </regexp>',
        '  </or>',
        '</filter>',
      ],
      'Keeps only records that match any of: EXECVE records; execve syscalls on x86_64',
    ],
    [
      'a record_transformer',
      [
        '<filter linux-auditd>',
        '  @type record_transformer',
        '  <record>',
        '    cluster prod-eu',
        '  </record>',
        '  remove_keys _PID,_UID',
        '</filter>',
      ],
      'Sets field cluster = prod-eu; removes fields _PID and _UID',
    ],
    [
      'another filter type',
      [
        '<filter linux-auditd>',
        '  @type parser',
        '  key_name MESSAGE',
        '</filter>',
      ],
      'Runs the parser filter (not interpreted by this plugin)',
    ],
    [
      'a filter for other tags',
      ['<filter kube.{a,b}>', '  @type grep', '  exclude1 log ^x', '</filter>'],
      'Drops records whose log matches /^x/; does not apply to the audit records (tagged linux-auditd)',
    ],
    [
      'a filter without a pattern, which matches every tag',
      ['<filter>', '  @type grep', '  exclude1 log ^x', '</filter>'],
      'Drops records whose log matches /^x/',
    ],
  ])('describes %s', (_, filter, description) => {
    const { sections } = readFluentdFilters(fluentdConf(...filter));
    expect(sections.map(s => s.description)).toEqual([description]);
  });

  it('finds filters inside a <label>', () => {
    const { sections } = readFluentdFilters(
      fluentdConf(
        '<label @AUDIT>',
        '  <filter **>',
        '    @type grep',
        '    exclude1 _COMM ^x$',
        '  </filter>',
        '</label>',
      ),
    );
    expect(sections.map(s => s.kind)).toEqual(['grep']);
  });

  it.each<[string, string[], string]>([
    [
      'an unclosed filter',
      ['<filter linux-auditd>', '  @type grep'],
      'is never closed',
    ],
    [
      'a stray closing tag',
      ['</exclude>'],
      '</exclude> closes nothing that is open',
    ],
    [
      'a broken directive',
      ['<filter linux-auditd'],
      'is not a valid directive',
    ],
    ['an @include', ['@include extra.conf'], '@include is not followed'],
    [
      'a parameter outside any directive',
      ['flush_interval 5s'],
      'is outside any directive',
    ],
  ])('notes %s and goes on', (_, lines, note) => {
    const result = readFluentdFilters(
      [
        ...lines,
        '<filter linux-auditd>',
        '  @type grep',
        '  exclude1 _COMM ^x$',
        '</filter>',
      ].join('\n'),
    );
    expect(result.notes).toEqual([expect.stringContaining(note)]);
    expect(result.sections.length).toBeGreaterThan(0);
  });
});
