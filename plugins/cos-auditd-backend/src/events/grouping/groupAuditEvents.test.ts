import {
  ExecveEvent,
  LoginEvent,
} from '@cos-auditd/backstage-plugin-cos-auditd-common';
import { AuditRecord, parseAuditLine, ParsedRecord } from '../records';
import { groupAuditEvents, GroupOptions } from './groupAuditEvents';

const hex = (text: string) =>
  Buffer.from(text, 'utf8').toString('hex').toUpperCase();

/** Records from audit lines, on node `n1` unless they say `node=`. */
function records(...lines: string[]): AuditRecord[] {
  return lines.map(line => {
    const result = parseAuditLine(line, { node: 'n1' });
    if (result.skipped) {
      throw new Error(`${line}: ${result.reason}`);
    }
    return result.record;
  });
}

const STAMP = 'msg=audit(1615114232.375:15558):';
const SYSCALL = `type=SYSCALL ${STAMP} arch=c000003e syscall=59 success=yes exit=0 a0=63b29337fd18 a1=63b293387d58 a2=63b293375640 a3=fffffffffffff000 items=2 ppid=10883 pid=10884 auid=1000 uid=0 gid=0 euid=0 suid=0 fsuid=0 egid=0 sgid=0 fsgid=0 tty=pts1 ses=1 comm="ls" exe="/usr/bin/ls" key=(null)`;
const EXECVE = `type=EXECVE ${STAMP} argc=3 a0="ls" a1="-la" a2=${hex(
  '/home/user/My Files',
)}`;
const CWD = `type=CWD ${STAMP} cwd="/home/user"`;
const PATH0 = `type=PATH ${STAMP} item=0 name="/usr/bin/ls" inode=261214 dev=ca:03 mode=0100755 ouid=0 ogid=0 rdev=00:00 nametype=NORMAL`;
const PATH1 = `type=PATH ${STAMP} item=1 name="/lib64/ld-linux-x86-64.so.2" inode=262146 dev=ca:03 mode=0100755 ouid=0 ogid=0 rdev=00:00 nametype=NORMAL`;
const PROCTITLE = `type=PROCTITLE ${STAMP} proctitle=${hex(
  'ls\u0000-la\u0000/home/user/My Files',
)}`;
const EOE = `type=EOE ${STAMP} `;

const execve = (
  input: Iterable<AuditRecord | ParsedRecord>,
  options: Partial<GroupOptions> = {},
) => groupAuditEvents(input, { type: 'execve', maskSecrets: true, ...options });

const text = (line: string) =>
  line.replace(/^type=(\S+) msg=audit\([^)]*\): ?/, '$1 ');

describe('groupAuditEvents, execve', () => {
  it('makes one event of SYSCALL, EXECVE, CWD, PATHs and PROCTITLE, without waiting for EOE', () => {
    const grouped = execve(
      records(SYSCALL, EXECVE, CWD, PATH0, PATH1, PROCTITLE),
    );

    expect(grouped.incomplete).toEqual([]);
    expect(grouped.skipped).toBe(0);
    expect(grouped.events).toEqual<ExecveEvent[]>([
      {
        id: 'n1:1615114232.375:15558',
        type: 'execve',
        time: '2021-03-07T10:50:32.375Z',
        serial: 15558,
        node: 'n1',
        records: [SYSCALL, EXECVE, CWD, PATH0, PATH1, PROCTITLE].map(text),
        exe: '/usr/bin/ls',
        argv: ['ls', '-la', '/home/user/My Files'],
        cwd: '/home/user',
        pid: 10884,
        ppid: 10883,
        uid: 0,
        auid: 1000,
        euid: 0,
        tty: 'pts1',
        ses: 1,
        comm: 'ls',
        success: true,
        exit: 0,
      },
    ]);
  });

  it('puts records in a stable order whatever order they come in (EOE ignored)', () => {
    const grouped = execve(
      records(PROCTITLE, PATH1, EOE, CWD, PATH0, EXECVE, SYSCALL),
    );

    expect(grouped.events[0].records).toEqual(
      [SYSCALL, EXECVE, CWD, PATH0, PATH1, PROCTITLE].map(text),
    );
  });

  it('reads execve on aarch64 (syscall 221)', () => {
    const arm = SYSCALL.replace(
      'arch=c000003e syscall=59',
      'arch=c00000b7 syscall=221',
    );
    expect(execve(records(arm, EXECVE, CWD)).events).toHaveLength(1);
  });

  it('ignores other syscalls and their records, and 221 on x86_64', () => {
    const open = SYSCALL.replace('syscall=59', 'syscall=2');
    const wrongArch = SYSCALL.replace('syscall=59', 'syscall=221');
    for (const syscall of [open, wrongArch]) {
      expect(
        execve(records(CWD, syscall, PATH0, PROCTITLE), { final: true }),
      ).toEqual({ events: [], incomplete: [], skipped: 0 });
    }
  });

  it('reports a failed execve', () => {
    const failed = SYSCALL.replace('success=yes exit=0', 'success=no exit=-2');
    expect(execve(records(failed, EXECVE, CWD)).events[0]).toMatchObject({
      success: false,
      exit: -2,
    });
  });

  it('joins a long argument from aN_len and aN[i] pieces spread over EXECVE records, in any order', () => {
    const long = `--data=${'x'.repeat(50)}é${'y'.repeat(50)}`;
    const bytes = Buffer.from(long, 'utf8');
    const cut = 57; // inside the two bytes of é
    const first = `type=EXECVE ${STAMP} argc=3 a0="curl" a1_len=${
      bytes.length
    } a1[0]=${bytes.subarray(0, cut).toString('hex')}`;
    const second = `type=EXECVE ${STAMP} a1[1]=${bytes
      .subarray(cut)
      .toString('hex')} a2="https://x"`;
    const grouped = execve(records(second, CWD, SYSCALL, first));

    expect(grouped.incomplete).toEqual([]);
    expect(
      grouped.events[0].type === 'execve' && grouped.events[0].argv,
    ).toEqual(['curl', long, 'https://x']);
    expect(grouped.events[0].records.slice(1, 3)).toEqual([
      text(first),
      text(second),
    ]);
  });

  it('holds back an event whose EXECVE or CWD is missing, and emits it when final', () => {
    const noCwd = records(SYSCALL, EXECVE, PATH0, PROCTITLE);
    const held = execve(noCwd);

    expect(held.events).toEqual([]);
    expect(held.incomplete).toEqual([
      { node: 'n1', serial: 15558, timeMs: 1615114232375 },
    ]);

    const final = execve(noCwd, { final: true });
    expect(final.events[0]).toMatchObject({ cwd: null, exe: '/usr/bin/ls' });
    expect(final.incomplete).toHaveLength(1);

    expect(execve(records(SYSCALL, CWD)).incomplete).toHaveLength(1);
  });

  it('reads aN_len as the kernel writes it: hex digits for an encoded argument', () => {
    // laurel's record-execve-long: 8192 bytes, a1_len=16384.
    const bytes = Buffer.from('b'.repeat(8192));
    const pieces = [0, 3732, 7478, 8192];
    const lines = [0, 1, 2].map(
      n =>
        `type=EXECVE ${STAMP} ${
          n === 0 ? 'argc=2 a0="/bin/echo" a1_len=16384 ' : ''
        }a1[${n}]=${bytes.subarray(pieces[n], pieces[n + 1]).toString('hex')}`,
    );
    const grouped = execve(records(SYSCALL, ...lines, CWD));

    expect(grouped.incomplete).toEqual([]);
    expect(
      grouped.events[0].type === 'execve' && grouped.events[0].argv[1],
    ).toBe('b'.repeat(8192));
    // Without its last piece, it is not complete.
    expect(
      execve(records(SYSCALL, lines[0], lines[1], CWD)).incomplete,
    ).toHaveLength(1);
  });

  it('holds back an event whose arguments are not all there (a lost EXECVE record)', () => {
    const first = `type=EXECVE ${STAMP} argc=3 a0="ls" a1="-la"`;
    expect(execve(records(SYSCALL, first, CWD)).incomplete).toHaveLength(1);

    const pieces = `type=EXECVE ${STAMP} argc=2 a0="echo" a1_len=20 a1[0]=6162636465`;
    expect(execve(records(SYSCALL, pieces, CWD)).incomplete).toHaveLength(1);
  });

  it('holds back records whose SYSCALL is missing; when final, an EXECVE is enough', () => {
    const held = execve(records(EXECVE, CWD, PROCTITLE));
    expect(held.events).toEqual([]);
    expect(held.incomplete).toHaveLength(1);

    const final = execve(records(EXECVE, CWD, PROCTITLE), { final: true });
    expect(final.events[0]).toMatchObject({
      argv: ['ls', '-la', '/home/user/My Files'],
      cwd: '/home/user',
      exe: null,
      pid: null,
      success: null,
    });
  });

  it('when final, drops CWD/PATH/PROCTITLE alone (nothing says they were an execve), counting them', () => {
    const final = execve(records(CWD, PATH0, PROCTITLE), { final: true });
    expect(final.events).toEqual([]);
    expect(final.skipped).toBe(3);
  });

  it('falls back to PROCTITLE for the arguments when EXECVE never came', () => {
    const final = execve(records(SYSCALL, CWD, PROCTITLE), { final: true });
    expect(final.events[0]).toMatchObject({
      argv: ['ls', '-la', '/home/user/My Files'],
    });
  });

  it('completes an event whose records came in two calls once they are grouped together', () => {
    const first = records(SYSCALL, EXECVE);
    const second = records(CWD, PATH0, PATH1, PROCTITLE);

    expect(execve(first).incomplete).toHaveLength(1);
    expect(execve(second).incomplete).toHaveLength(1);
    const both = execve([...first, ...second]);
    expect(both.incomplete).toEqual([]);
    expect(both.events).toHaveLength(1);
  });

  it('keeps events apart by node and by time when serials repeat (reboots)', () => {
    const rebooted = (line: string) =>
      line.replace('1615114232.375', '1615200000.001');
    const other = (line: string) => `node=n2 ${line}`;
    const grouped = execve(
      records(
        ...[SYSCALL, EXECVE, CWD],
        ...[SYSCALL, EXECVE, CWD].map(rebooted),
        ...[SYSCALL, EXECVE, CWD].map(other),
      ),
    );

    expect(grouped.events.map(e => e.id)).toEqual([
      'n1:1615200000.001:15558',
      'n1:1615114232.375:15558',
      'n2:1615114232.375:15558',
    ]);
  });

  it('sorts newest first, then by serial', () => {
    const at = (serial: number, time: string) =>
      [SYSCALL, EXECVE, CWD].map(line =>
        line.replace('1615114232.375:15558', `${time}:${serial}`),
      );
    const grouped = execve(
      records(...at(1, '100.000'), ...at(3, '100.000'), ...at(2, '200.000')),
    );

    expect(grouped.events.map(e => e.serial)).toEqual([2, 3, 1]);
  });

  it('drops a record given twice (overlapping pages)', () => {
    const grouped = execve(
      records(SYSCALL, EXECVE, CWD, PATH0, SYSCALL, EXECVE, CWD, PATH0),
    );
    expect(grouped.events[0].records).toEqual(
      [SYSCALL, EXECVE, CWD, PATH0].map(text),
    );
  });

  it("counts the readers' skipped results", () => {
    const input: ParsedRecord[] = [
      ...records(SYSCALL, EXECVE, CWD).map(record => ({ record })),
      { skipped: true, reason: 'no MESSAGE' },
      parseAuditLine('garbage'),
    ];
    const grouped = execve(input);

    expect(grouped.events).toHaveLength(1);
    expect(grouped.skipped).toBe(2);
  });

  it('masks secrets in the arguments and the record lines, or not', () => {
    const argv = ['mysql', '-uroot', '-phunter2', 'db'];
    const secret = [
      SYSCALL,
      `type=EXECVE ${STAMP} argc=4 a0="mysql" a1="-uroot" a2="-phunter2" a3="db"`,
      CWD,
      `type=PROCTITLE ${STAMP} proctitle=${hex(argv.join('\u0000'))}`,
    ];

    const masked = execve(records(...secret)).events[0] as ExecveEvent;
    expect(masked.argv).toEqual(['mysql', '-uroot', '-p***', 'db']);
    expect(masked.records.join('\n')).not.toContain('hunter2');
    expect(masked.records.join('\n')).not.toContain(hex('hunter2'));
    expect(masked.records[1]).toBe(
      'EXECVE argc=4 a0="mysql" a1="-uroot" a2="-p***" a3="db"',
    );

    const raw = execve(records(...secret), { maskSecrets: false })
      .events[0] as ExecveEvent;
    expect(raw.argv).toEqual(argv);
    expect(raw.records).toEqual(secret.map(text));
  });
});

describe('groupAuditEvents, login', () => {
  const login = (...lines: string[]) =>
    groupAuditEvents(records(...lines), { type: 'login', maskSecrets: true });

  it('makes a failed sshd login an event: acct kept as written, ? is null', () => {
    const line = `type=USER_LOGIN msg=audit(1553501549.148:110544844): user pid=374 uid=0 auid=4294967295 ses=4294967295 msg='op=login acct="(unknown)" exe="/usr/sbin/sshd" hostname=? addr=1.2.3.4 terminal=ssh res=failed'`;

    expect(login(line).events).toEqual<LoginEvent[]>([
      {
        id: 'n1:1553501549.148:110544844:USER_LOGIN',
        type: 'login',
        time: '2019-03-25T08:12:29.148Z',
        serial: 110544844,
        node: 'n1',
        records: [text(line)],
        recordType: 'USER_LOGIN',
        user: '(unknown)',
        uid: 0,
        auid: 4294967295,
        addr: '1.2.3.4',
        hostname: null,
        terminal: 'ssh',
        exe: '/usr/sbin/sshd',
        result: 'failed',
        pid: 374,
        ses: 4294967295,
      },
    ]);
  });

  it('takes id= when there is no acct (sshd success, shadow tools), and decodes hex acct', () => {
    const grouped = login(
      `type=USER_LOGIN msg=audit(1.000:1): pid=1 uid=0 auid=700 ses=5 msg='op=login id=700 exe="/usr/sbin/sshd" hostname=h addr=1.2.3.4 terminal=/dev/pts/0 res=success'`,
      `type=USER_MGMT msg=audit(1.000:2): pid=2 uid=0 auid=1000 ses=3 msg='op=changing-uid id=9999 exe="/usr/sbin/usermod" hostname=? addr=? terminal=pts/1 res=success'`,
      `type=USER_LOGIN msg=audit(1.000:3): pid=3 uid=0 auid=4294967295 ses=4294967295 msg='op=login acct=${hex(
        '(invalid user)',
      )} exe="/usr/sbin/sshd" hostname=? addr=5.6.7.8 terminal=sshd res=failed'`,
    );

    expect(
      grouped.events.map(
        e => e.type === 'login' && [e.serial, e.user, e.result],
      ),
    ).toEqual([
      [3, '(invalid user)', 'failed'],
      [2, '9999', 'success'],
      [1, '700', 'success'],
    ]);
  });

  it.each([
    ['res=success', 'success'],
    ['res=failed', 'failed'],
    ['res=yes', 'success'],
    ['res=no', 'failed'],
    ['res=1', 'success'],
    ['res=0', 'failed'],
    ['result=success', 'success'],
    ['', 'failed'],
  ])('reads %s as %s', (res, result) => {
    const grouped = login(
      `type=USER_AUTH msg=audit(1.000:1): pid=1 uid=0 auid=0 ses=1 msg='op=PAM:authentication acct="bob" exe="/bin/su" ${res}'`,
    );
    expect(grouped.events[0]).toMatchObject({ result });
  });

  it('makes one event per record type when records share a serial, ignoring repeats and other types', () => {
    const stamp = 'msg=audit(1.000:42):';
    const grouped = login(
      `type=USER_START ${stamp} pid=1 uid=0 auid=0 ses=1 msg='op=PAM:session_open acct="root" res=success'`,
      `type=CRED_ACQ ${stamp} pid=1 uid=0 auid=0 ses=1 msg='op=PAM:setcred acct="root" res=success'`,
      `type=CRED_ACQ ${stamp} pid=1 uid=0 auid=0 ses=1 msg='op=PAM:setcred acct="root" res=success'`,
      `type=SYSCALL ${stamp} arch=c000003e syscall=59`,
      `type=LOGIN ${stamp} pid=1 uid=0 old-auid=4294967295 auid=0 res=1`,
    );

    expect(grouped.events.map(e => e.id)).toEqual([
      'n1:1.000:42:CRED_ACQ',
      'n1:1.000:42:USER_START',
    ]);
    expect(grouped.incomplete).toEqual([]);
  });

  it("masks secrets in sudo's command line (USER_CMD), or not", () => {
    const cmd = 'mysql --password=hunter2 db';
    const line = `type=USER_CMD msg=audit(1.000:1): pid=1 uid=1000 auid=1000 ses=1 msg='cwd="/home/a" cmd=${hex(
      cmd,
    )} terminal=pts/0 res=success'`;

    const masked = login(line).events[0];
    expect(masked).toMatchObject({
      recordType: 'USER_CMD',
      user: null,
      result: 'success',
    });
    expect(masked.records[0]).toContain(
      `cmd=${hex('mysql --password=*** db')}`,
    );

    const raw = groupAuditEvents(records(line), {
      type: 'login',
      maskSecrets: false,
    });
    expect(raw.events[0].records[0]).toBe(text(line));
  });

  it('covers every login record type', () => {
    const types = [
      'USER_AUTH',
      'USER_ACCT',
      'USER_LOGIN',
      'USER_LOGOUT',
      'USER_START',
      'USER_END',
      'USER_ERR',
      'USER_CMD',
      'CRED_ACQ',
      'CRED_DISP',
      'CRED_REFR',
      'USER_CHAUTHTOK',
      'USER_MGMT',
    ];
    const grouped = login(
      ...types.map(
        (type, i) =>
          `type=${type} msg=audit(1.000:${i}): pid=1 uid=0 auid=0 ses=1 msg='acct="a" res=success'`,
      ),
    );
    expect(
      grouped.events.map(e => e.type === 'login' && e.recordType).sort(),
    ).toEqual([...types].sort());
  });
});
