import { AuditRecord, ParsedRecord } from './AuditRecord';
import { parseAuditLine, parseAuditLines } from './parseAuditLine';

function recordOf(result: ParsedRecord): AuditRecord {
  if (result.skipped) {
    throw new Error(`skipped: ${result.reason}`);
  }
  return result.record;
}

describe('parseAuditLine', () => {
  it('reads type, stamp and body; the node from the options', () => {
    const record = recordOf(
      parseAuditLine(
        'type=CWD msg=audit(1615114232.375:15558): cwd="/home/user/tmp"',
        { node: 'node-a' },
      ),
    );

    expect(record).toEqual({
      node: 'node-a',
      serial: 15558,
      timeMs: 1615114232375,
      type: 'CWD',
      fields: expect.anything(),
      text: 'CWD cwd="/home/user/tmp"',
    });
    expect(record.fields.toJSON()).toEqual({ cwd: '/home/user/tmp' });
  });

  it("takes auditd's node= over the default and drops the enrichment from the text", () => {
    const record = recordOf(
      parseAuditLine(
        'node=work type=SYSCALL msg=audit(1615114232.375:15558): arch=c000003e syscall=59 auid=1000 key=(null)\x1dARCH=x86_64 AUID="user"\n',
        { node: 'ignored' },
      ),
    );

    expect(record.node).toBe('work');
    expect(record.text).toBe(
      'SYSCALL arch=c000003e syscall=59 auid=1000 key=(null)',
    );
    expect(record.fields.get('auid')).toBe('1000');
    expect(record.fields.has('AUID')).toBe(false);
  });

  it('strips the whitespace after the stamp, as journald does', () => {
    expect(
      recordOf(
        parseAuditLine('type=CWD msg=audit(1492037291.036:59):  cwd="/home/x"'),
      ).text,
    ).toBe('CWD cwd="/home/x"');
  });

  it('reads serials up to 2^32 - 1 and an empty body (EOE)', () => {
    const record = recordOf(
      parseAuditLine('type=EOE msg=audit(1492037298.883:4294967295): '),
    );

    expect(record.serial).toBe(4294967295);
    expect(record.text).toBe('EOE');
    expect(record.fields.size).toBe(0);
  });

  it('reads the stamp of old DAEMON_* records, which has no colon', () => {
    expect(
      recordOf(
        parseAuditLine(
          'type=DAEMON_CONFIG msg=audit(1490239800.477:34) config changed, auid=0 pid=1512 res=success',
        ),
      ).fields.toJSON(),
    ).toEqual({ auid: '0', pid: '1512', res: 'success' });
  });

  it.each([
    ['no type=', 'msg=audit(1.000:1): x=1'],
    ['no stamp', 'type=SYSCALL arch=c000003e'],
    ['a stamp without serial', 'type=SYSCALL msg=audit(1615114232.375): x=1'],
    ['a stamp without ms', 'type=SYSCALL msg=audit(1615114232:5): x=1'],
    [
      'ausearch -i dates',
      'type=CWD msg=audit(03/07/21 10:50:32.375:15558) : cwd=/',
    ],
    ['an unreasonable time', 'type=CWD msg=audit(99999999999999.000:1): cwd=/'],
    ['a comment', '# orphan = simple demo program'],
    [
      'a record cut short',
      'type=EXECVE msg=audit(1.000:1): argc=2 a0="ls" a1="-',
    ],
    ['only node=', 'node=host'],
  ])('skips a line with %s, with the reason', (_, line) => {
    const result = parseAuditLine(line);

    expect(result.skipped).toBe(true);
    expect(result).toEqual({ skipped: true, reason: expect.any(String) });
  });
});

describe('parseAuditLines', () => {
  it('reads lines lazily, passing over blank ones', () => {
    const lines = [
      'type=SYSCALL msg=audit(1.001:7): arch=c000003e syscall=59',
      '',
      '   ',
      'garbage',
      'type=EXECVE msg=audit(1.001:7): argc=1 a0="ls"',
    ];
    const results = [...parseAuditLines(lines, { node: 'n' })];

    expect(results.map(r => (r.skipped ? 'skip' : r.record.type))).toEqual([
      'SYSCALL',
      'skip',
      'EXECVE',
    ]);
  });

  it('takes any iterable, a generator included', () => {
    function* lines() {
      yield 'type=CWD msg=audit(2.000:1): cwd="/"';
    }
    expect([...parseAuditLines(lines())]).toHaveLength(1);
  });
});
