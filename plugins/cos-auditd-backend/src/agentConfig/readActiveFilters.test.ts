import { V1ConfigMap } from '@kubernetes/client-node';
import { FilterSpec } from '@cos-auditd/backstage-plugin-cos-auditd-common';
import {
  DEFAULT_IMAGES,
  MANAGED_BY,
  renderAgentConfig,
  renderManifest,
} from '../manifests';
import { readActiveFilters } from './readActiveFilters';

const fluentBitConfigMap = (
  text: string | undefined,
  annotations: Record<string, string> = {},
): V1ConfigMap => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: {
    name: 'cos-auditd-fluent-bit-config',
    namespace: 'cos-auditd',
    annotations,
  },
  data: text === undefined ? {} : { 'fluent-bit.conf': text },
});

/** The ConfigMap as this plugin applies it for `spec`. */
const appliedConfigMap = (
  spec: FilterSpec,
  text = renderAgentConfig({ filters: spec }),
) =>
  fluentBitConfigMap(text, {
    [MANAGED_BY.filterSpecAnnotation]: JSON.stringify(spec),
  });

const legacyConfigMap = (text: string | undefined): V1ConfigMap => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'fluentd-gcp-config-cos-auditd', namespace: 'cos-auditd' },
  data: text === undefined ? {} : { 'google-fluentd.conf': text },
});

/** What a kubectl install of the upstream manifest holds: no filter of ours, only the two modify sections. */
const upstreamDefaultConfig = () =>
  [
    '[SERVICE]',
    '    Flush 5',
    '    HTTP_Server On',
    '    HTTP_PORT 2024',
    '[INPUT]',
    '    Name systemd',
    '    Tag audit',
    '    Systemd_Filter SYSLOG_IDENTIFIER=audit',
    '[FILTER]',
    '    Name modify',
    '    Match audit',
    '    Add logging.googleapis.com/local_resource_id k8s_node.${NODE_NAME}',
    '[FILTER]',
    '    Name modify',
    '    Match audit',
    '    Add logging.googleapis.com/logName linux-auditd',
    '[OUTPUT]',
    '    Name stackdriver',
    '    Match audit',
    '    k8s_cluster_name ${CLUSTER_NAME}',
  ].join('\n');

const legacyConfig = (...filters: string[]) =>
  [
    '<source>',
    '  @type systemd',
    '  tag linux-auditd',
    '</source>',
    ...filters,
    '<match **>',
    '  @type google_cloud',
    '</match>',
  ].join('\n');

const MODIFY_DESCRIPTIONS = [
  'Adds field logging.googleapis.com/local_resource_id = k8s_node.${NODE_NAME}',
  'Adds field logging.googleapis.com/logName = linux-auditd',
];

describe('readActiveFilters', () => {
  it('reads nothing when no agent ConfigMap exists', () => {
    expect(readActiveFilters({})).toEqual({
      source: null,
      spec: null,
      sections: [],
      raw: null,
      notes: [],
    });
    expect(
      readActiveFilters({ fluentBitConfigMap: null, legacyConfigMap: null })
        .source,
    ).toBeNull();
  });

  it('describes the upstream default configuration as its two modify filters, with no spec', () => {
    const text = upstreamDefaultConfig();
    expect(
      readActiveFilters({ fluentBitConfigMap: fluentBitConfigMap(text) }),
    ).toEqual({
      source: 'fluent-bit',
      spec: null,
      sections: [
        {
          kind: 'modify',
          description: MODIFY_DESCRIPTIONS[0],
          settings: [
            { key: 'Name', value: 'modify' },
            { key: 'Match', value: 'audit' },
            {
              key: 'Add',
              value:
                'logging.googleapis.com/local_resource_id k8s_node.${NODE_NAME}',
            },
          ],
        },
        expect.objectContaining({
          kind: 'modify',
          description: MODIFY_DESCRIPTIONS[1],
        }),
      ],
      raw: text,
      notes: [
        'The configuration was not applied by Backstage; showing it as it is.',
      ],
    });
  });

  it.each<[string, FilterSpec, string[]]>([
    ['no filters', {}, []],
    ['the full preset', { preset: 'full' }, []],
    [
      'the balanced preset',
      { preset: 'balanced' },
      ['Drops mmap, mprotect and setsockopt syscalls on x86_64 and aarch64'],
    ],
    [
      'the exec-and-login preset',
      { preset: 'exec-and-login' },
      [
        'Keeps only records that match any of: EXECVE, CWD, PATH, PROCTITLE, USER_AUTH, USER_ACCT, USER_LOGIN, USER_LOGOUT, USER_START, USER_END, USER_CMD, USER_ERR, USER_TTY, CRED_ACQ, CRED_DISP, CRED_REFR and LOGIN records; execve syscalls on x86_64 and aarch64',
      ],
    ],
    [
      'excluded record types',
      { excludeRecordTypes: ['PROCTITLE', 'PATH'] },
      ['Drops PATH and PROCTITLE records'],
    ],
    [
      'excluded syscalls one architecture lacks',
      { excludeSyscalls: ['open', 'mmap'] },
      [
        'Drops mmap and open syscalls on x86_64; drops mmap syscalls on aarch64',
      ],
    ],
    [
      'excluded executables',
      { excludeExecutables: ['/usr/bin/ls', '/opt/a+b/run.sh'] },
      ['Drops executions of /opt/a+b/run.sh and /usr/bin/ls'],
    ],
    [
      'a throttle',
      { throttle: { rate: 200, window: 30, interval: '1m' } },
      [
        'Lets through at most 200 records per 1m on average over 30 intervals; drops the rest',
      ],
    ],
    [
      'everything',
      {
        preset: 'balanced',
        excludeRecordTypes: ['PATH'],
        excludeSyscalls: ['connect'],
        excludeExecutables: ['/bin/sh'],
        throttle: { rate: 1, window: 2, interval: '3s' },
      },
      [
        'Drops PATH records',
        'Drops connect, mmap, mprotect and setsockopt syscalls on x86_64 and aarch64',
        'Drops executions of /bin/sh',
        'Lets through at most 1 records per 3s on average over 2 intervals; drops the rest',
      ],
    ],
  ])(
    'recognizes the spec it rendered for %s and describes its filters',
    (_, spec, descriptions) => {
      const result = readActiveFilters({
        fluentBitConfigMap: appliedConfigMap(spec),
      });
      expect(result.spec).toEqual(spec);
      expect(result.notes).toEqual([]);
      expect(result.sections.map(s => s.description)).toEqual([
        ...descriptions,
        ...MODIFY_DESCRIPTIONS,
      ]);
    },
  );

  it('recognizes the ConfigMap renderManifest applies, as its normalized spec', () => {
    const { configMap } = renderManifest({
      entityRef: 'resource:default/prod-eu',
      clusterName: 'prod-eu',
      clusterLocation: 'europe-west1',
      images: DEFAULT_IMAGES,
      filters: { excludeSyscalls: ['mmap', 'bind'], excludeRecordTypes: [] },
    });
    expect(readActiveFilters({ fluentBitConfigMap: configMap }).spec).toEqual({
      excludeSyscalls: ['bind', 'mmap'],
    });
  });

  it('shows a hand-edited configuration as it is, without a spec', () => {
    const spec: FilterSpec = { preset: 'balanced' };
    const edited = renderAgentConfig({ filters: spec }).replace(
      'syscall=(9|10|54)',
      'syscall=(9|10)',
    );
    const result = readActiveFilters({
      fluentBitConfigMap: appliedConfigMap(spec, edited),
    });
    expect(result.spec).toBeNull();
    expect(result.raw).toBe(edited);
    expect(result.notes).toEqual([
      'The configuration was edited outside Backstage; showing it as it is.',
    ]);
    expect(result.sections[0].description).toBe(
      'Drops mmap and mprotect syscalls on x86_64; drops mmap, mprotect and setsockopt syscalls on aarch64',
    );
  });

  it('tells a one-character edit, like a removed trailing newline, from the rendered text', () => {
    const spec: FilterSpec = { preset: 'full' };
    const result = readActiveFilters({
      fluentBitConfigMap: appliedConfigMap(
        spec,
        renderAgentConfig({ filters: spec }).trimEnd(),
      ),
    });
    expect(result.spec).toBeNull();
  });

  it.each<[string, string, RegExp]>([
    ['not JSON', '{preset:', /annotation is not JSON/],
    [
      'an invalid spec',
      '{"preset":"cheap"}',
      /annotation is not a valid filter spec \(preset: /,
    ],
    [
      'a spec with a hostile value',
      '{"excludeExecutables":["/bin/sh\\n[OUTPUT]"]}',
      /not a valid filter spec/,
    ],
  ])(
    'does not trust a filter-spec annotation that is %s',
    (_, annotation, note) => {
      const result = readActiveFilters({
        fluentBitConfigMap: fluentBitConfigMap(
          renderAgentConfig({ filters: {} }),
          {
            [MANAGED_BY.filterSpecAnnotation]: annotation,
          },
        ),
      });
      expect(result.spec).toBeNull();
      expect(result.notes).toEqual([expect.stringMatching(note)]);
    },
  );

  it('does not take a spec whose rendering differs from the live text, even a valid one', () => {
    const result = readActiveFilters({
      fluentBitConfigMap: appliedConfigMap(
        { preset: 'balanced' },
        renderAgentConfig({ filters: { preset: 'full' } }),
      ),
    });
    expect(result.spec).toBeNull();
  });

  it('describes a hand-written fluent-bit configuration and notes what it could not read', () => {
    const text = [
      '@INCLUDE extra.conf',
      'Flush 5',
      '[INPUT]',
      '    Name systemd',
      '    Tag audit',
      '[FILTER',
      '[FILTER]',
      '    Name grep',
      '    Match *',
      '    Exclude _COMM ^(cron|sshd)$',
      '[FILTER]',
      '    Name throttle',
      '    Match audit',
      '    Rate 50',
      '    Window',
      '[FILTER]',
      '    Name nest',
      '    Match kube.*',
    ].join('\n');
    const result = readActiveFilters({
      fluentBitConfigMap: fluentBitConfigMap(text),
    });
    expect(result.sections.map(s => [s.kind, s.description])).toEqual([
      ['grep', 'Drops records whose _COMM matches /^(cron|sshd)$/'],
      [
        'throttle',
        'Lets through at most 50 records per 1s on average over 5 intervals; drops the rest',
      ],
      [
        'nest',
        'Runs the nest filter (not interpreted by this plugin); does not apply to the audit records (tagged audit)',
      ],
    ]);
    expect(result.notes).toEqual([
      'Line 1: @INCLUDE is not followed; only this file is shown.',
      'Line 2: "Flush 5" is outside any section.',
      'Line 6: "[FILTER" is not a valid section header.',
      'Line 15: "Window" has no value.',
      'The configuration was not applied by Backstage; showing it as it is.',
    ]);
  });

  it('never throws on text that is not a configuration at all', () => {
    for (const text of [
      '',
      '\u0000\u0001',
      '[[[',
      'pipeline:\n  inputs:\n    - name: systemd',
      ']'.repeat(1000),
    ]) {
      expect(() =>
        readActiveFilters({ fluentBitConfigMap: fluentBitConfigMap(text) }),
      ).not.toThrow();
      expect(() =>
        readActiveFilters({ legacyConfigMap: legacyConfigMap(text) }),
      ).not.toThrow();
    }
  });

  it('notes a fluent-bit ConfigMap without fluent-bit.conf', () => {
    expect(
      readActiveFilters({ fluentBitConfigMap: fluentBitConfigMap(undefined) }),
    ).toEqual({
      source: 'fluent-bit',
      spec: null,
      sections: [],
      raw: null,
      notes: [
        'The ConfigMap cos-auditd-fluent-bit-config has no fluent-bit.conf.',
      ],
    });
  });

  describe('the legacy fluentd configuration', () => {
    it('has no filters in the upstream default', () => {
      const text = legacyConfig();
      expect(
        readActiveFilters({ legacyConfigMap: legacyConfigMap(text) }),
      ).toEqual({
        source: 'fluentd-legacy',
        spec: null,
        sections: [],
        raw: text,
        notes: [],
      });
    });

    it('describes grep filters', () => {
      const text = legacyConfig(
        '<filter linux-auditd>',
        '  @type grep',
        '  <exclude>',
        '    key _AUDIT_TYPE_NAME',
        '    pattern /^(PROCTITLE|PATH)$/',
        '  </exclude>',
        '</filter>',
      );
      const result = readActiveFilters({
        legacyConfigMap: legacyConfigMap(text),
      });
      expect(result.source).toBe('fluentd-legacy');
      expect(result.spec).toBeNull();
      expect(result.sections.map(s => [s.kind, s.description])).toEqual([
        ['grep', 'Drops PROCTITLE and PATH records'],
      ]);
    });

    it('notes a legacy ConfigMap without google-fluentd.conf', () => {
      expect(
        readActiveFilters({ legacyConfigMap: legacyConfigMap(undefined) })
          .notes,
      ).toEqual([
        'The ConfigMap fluentd-gcp-config-cos-auditd has no google-fluentd.conf.',
      ]);
    });
  });

  it('reads the fluent-bit ConfigMap when both exist, and notes the legacy one', () => {
    const result = readActiveFilters({
      fluentBitConfigMap: appliedConfigMap({ preset: 'balanced' }),
      legacyConfigMap: legacyConfigMap(
        legacyConfig(
          '<filter **>',
          '  @type grep',
          '  exclude1 _COMM ^x$',
          '</filter>',
        ),
      ),
    });
    expect(result.source).toBe('fluent-bit');
    expect(result.spec).toEqual({ preset: 'balanced' });
    expect(result.sections).toHaveLength(3);
    expect(result.notes).toEqual([
      'The legacy fluentd ConfigMap fluentd-gcp-config-cos-auditd is also present; the fluent-bit configuration is the one shown.',
    ]);
  });
});
