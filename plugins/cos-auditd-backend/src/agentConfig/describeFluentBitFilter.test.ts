import { describeFluentBitFilter } from './describeFluentBitFilter';
import { FluentBitSection } from './parseFluentBitConfig';

/** A [FILTER] section from `Key Value` strings. */
const filter = (...settings: string[]): FluentBitSection => ({
  name: 'FILTER',
  line: 7,
  settings: settings.map(setting => {
    const [key, ...value] = setting.split(' ');
    return { key, value: value.join(' ') };
  }),
});

const described = (section: FluentBitSection) => {
  const notes: string[] = [];
  return { ...describeFluentBitFilter(section, 'audit', notes), notes };
};

describe('describeFluentBitFilter', () => {
  it.each<[string, FluentBitSection, string]>([
    [
      'a grep with Logical_Op or',
      filter(
        'Name grep',
        'Match audit',
        'Logical_Op or',
        'Regex _AUDIT_TYPE_NAME ^(EXECVE|USER_LOGIN)$',
        'Regex _COMM ^sshd$',
      ),
      'Keeps only records that match any of: EXECVE and USER_LOGIN records; records whose _COMM matches /^sshd$/',
    ],
    [
      'a grep excluding record types',
      filter(
        'Name grep',
        'Match audit',
        'Exclude _AUDIT_TYPE_NAME ^(PROCTITLE|PATH)$',
      ),
      'Drops PROCTITLE and PATH records',
    ],
    [
      'a throttle',
      filter(
        'Name throttle',
        'Match *',
        'Rate 800',
        'Window 300',
        'Interval 1s',
      ),
      'Lets through at most 800 records per 1s on average over 300 intervals; drops the rest',
    ],
    [
      'a throttle with fluent-bit defaults',
      filter('Name throttle', 'Match audit'),
      'Lets through at most 1 records per 1s on average over 5 intervals; drops the rest',
    ],
    [
      'a modify adding fields',
      filter(
        'Name modify',
        'Match audit',
        'Add logging.googleapis.com/logName linux-auditd',
      ),
      'Adds field logging.googleapis.com/logName = linux-auditd',
    ],
    [
      'a modify with several rules and a condition',
      filter(
        'Name modify',
        'Match audit',
        'Set env prod',
        'Remove _PID',
        'Rename MESSAGE message',
        'Condition Key_exists MESSAGE',
      ),
      'Sets field env = prod; removes field _PID; renames field MESSAGE to message; only when Key_exists MESSAGE',
    ],
    [
      'a plugin it does not interpret',
      filter('Name lua', 'Match audit', 'script x.lua', 'call f'),
      'Runs the lua filter (not interpreted by this plugin)',
    ],
    [
      'a filter whose Match leaves out the audit records',
      filter('Name grep', 'Match kube.*', 'Exclude log ^x'),
      'Drops records whose log matches /^x/; does not apply to the audit records (tagged audit)',
    ],
    [
      'a filter matching the audit records by Match_Regex',
      filter('Name grep', 'Match_Regex ^au', 'Exclude log ^x'),
      'Drops records whose log matches /^x/',
    ],
  ])('describes %s', (_, section, description) => {
    expect(described(section).description).toBe(description);
  });

  it('takes the lower-cased Name as kind and keeps the settings as written', () => {
    const section = filter('NAME Grep', 'Match audit', 'Exclude _COMM ^x$');
    expect(described(section)).toEqual({
      kind: 'grep',
      description: 'Drops records whose _COMM matches /^x$/',
      settings: [
        { key: 'NAME', value: 'Grep' },
        { key: 'Match', value: 'audit' },
        { key: 'Exclude', value: '_COMM ^x$' },
      ],
      notes: [],
    });
  });

  it('does not judge Match when there is no systemd input tag to compare with', () => {
    const section = filter('Name grep', 'Match kube.*', 'Exclude log ^x');
    expect(describeFluentBitFilter(section, undefined, []).description).toBe(
      'Drops records whose log matches /^x/',
    );
  });

  it('notes a filter without a Name', () => {
    const result = described(filter('Match audit'));
    expect(result.kind).toBe('unknown');
    expect(result.notes).toEqual(['Line 7: the [FILTER] section has no Name.']);
  });

  it('notes a grep rule without a regex and describes the rest', () => {
    const result = described(
      filter(
        'Name grep',
        'Match audit',
        'Exclude MESSAGE',
        'Exclude _AUDIT_TYPE_NAME ^(PATH)$',
      ),
    );
    expect(result.description).toBe('Drops PATH records');
    expect(result.notes).toEqual([
      'Section at line 7: the grep rule "Exclude MESSAGE" has no regex.',
    ]);
  });
});
