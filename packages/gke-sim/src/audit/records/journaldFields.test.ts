import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { journaldFields } from './journaldFields';

/** The shared audit corpus (never copied into the repository); scripts/test.sh finds it. */
const CORPUS = resolve(
  process.env.COS_AUDITD_AUDIT_CORPUS ??
    resolve(__dirname, '../../../../../../shared/fixtures/audit-corpus'),
  'logentries.jsonl',
);

/** Fields journald adds itself, not derived from the record body. */
const FIXED = new Set([
  'MESSAGE',
  'SYSLOG_FACILITY',
  'SYSLOG_IDENTIFIER',
  '_TRANSPORT',
  '_AUDIT_TYPE',
  '_AUDIT_TYPE_NAME',
  '_AUDIT_ID',
  '_SOURCE_REALTIME_TIMESTAMP',
  '_BOOT_ID',
  '_MACHINE_ID',
  '_HOSTNAME',
]);

if (!existsSync(CORPUS)) {
  // eslint-disable-next-line no-console
  console.log(
    `Skipping the corpus check of journaldFields: ${CORPUS} does not exist`,
  );
}

describe('journaldFields', () => {
  it('maps kernel keys to trusted fields and keeps other values raw', () => {
    expect(
      journaldFields(
        'SYSCALL arch=c000003e syscall=59 pid=10 auid=1000 ses=1 tty=pts0 comm="id" exe="/usr/bin/id" key=(null)'.slice(
          8,
        ),
      ),
    ).toEqual({
      _AUDIT_FIELD_ARCH: 'c000003e',
      _AUDIT_FIELD_SYSCALL: '59',
      _PID: '10',
      _AUDIT_LOGINUID: '1000',
      _AUDIT_SESSION: '1',
      _TTY: 'pts0',
      _COMM: 'id',
      _EXE: '/usr/bin/id',
      _AUDIT_FIELD_KEY: '(null)',
    });
  });

  it('decodes hex strings and keeps quotes on generic fields', () => {
    expect(
      journaldFields('argc=2 a0="sh" a1=6C73202D6C a1_len=5 a1[0]=6C'),
    ).toEqual({
      _AUDIT_FIELD_ARGC: '2',
      _AUDIT_FIELD_A0: '"sh"',
      _AUDIT_FIELD_A1: '6C73202D6C',
      _AUDIT_FIELD_A1_LEN: '5',
    });
  });

  it('maps msg fields without the leading underscore, decoding cmd, cwd, acct and exe', () => {
    expect(
      journaldFields(
        `pid=1 uid=0 msg='cwd="/root" cmd=6C73202F exe="/usr/bin/sudo" terminal=pts/0 res=success'`,
      ),
    ).toEqual({
      _PID: '1',
      _UID: '0',
      AUDIT_FIELD_CWD: '/root',
      AUDIT_FIELD_CMD: 'ls /',
      AUDIT_FIELD_EXE: '/usr/bin/sudo',
      AUDIT_FIELD_TERMINAL: 'pts/0',
      AUDIT_FIELD_RES: 'success',
    });
  });

  it('turns NUL and control bytes of proctitle into spaces', () => {
    expect(journaldFields('proctitle=6C73002D6C')._CMDLINE).toBe('ls -l');
  });
});

(existsSync(CORPUS) ? describe : describe.skip)(
  'journaldFields on the audit corpus',
  () => {
    it('reproduces the mapped fields of every corpus entry', () => {
      const lines = readFileSync(CORPUS, 'utf8').split('\n').filter(Boolean);
      const mismatches = lines.flatMap(line => {
        const payload = JSON.parse(line).jsonPayload as Record<string, unknown>;
        const expected = Object.fromEntries(
          Object.entries(payload).filter(([key]) => !FIXED.has(key)),
        );
        const message = payload.MESSAGE as string;
        const actual = journaldFields(message.slice(message.indexOf(' ') + 1));
        const keys = new Set([
          ...Object.keys(expected),
          ...Object.keys(actual),
        ]);
        const differing = [...keys].filter(
          key => JSON.stringify(actual[key]) !== JSON.stringify(expected[key]),
        );
        return differing.map(key => ({
          message,
          key,
          actual: actual[key],
          expected: expected[key],
        }));
      });

      expect(mismatches.slice(0, 3)).toEqual([]);
    });
  },
);
