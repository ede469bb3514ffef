import { parseAuditBody, parseAuditFields } from './parseAuditFields';

const hex = (text: string) =>
  Buffer.from(text, 'utf8').toString('hex').toUpperCase();
const fieldsOf = (body: string, type?: string) =>
  parseAuditFields(body, type).toJSON();

describe('parseAuditFields', () => {
  it('reads bare and double-quoted values, in order, quotes removed', () => {
    const fields = parseAuditFields(
      'arch=c000003e syscall=59 success=yes exit=0 tty=pts1 comm="whoami" exe="/usr/bin/whoami" key=(null)',
    );

    expect([...fields]).toEqual([
      ['arch', 'c000003e'],
      ['syscall', '59'],
      ['success', 'yes'],
      ['exit', '0'],
      ['tty', 'pts1'],
      ['comm', 'whoami'],
      ['exe', '/usr/bin/whoami'],
      ['key', '(null)'],
    ]);
  });

  it.each([
    ['exe', '/usr/bin/my tool'],
    ['comm', 'a"b'],
    ['cwd', '/home/user/My Documents'],
    ['name', '/tmp/x y'],
    ['path', '/tmp/a b'],
    ['acct', '(invalid user)'],
    ['cmd', 'systemctl restart kubelet'],
    ['proctitle', 'sleep\u000010'],
  ])('decodes unquoted hex under %s', (key, value) => {
    expect(fieldsOf(`${key}=${hex(value)}`)[key]).toBe(value);
  });

  it('keeps (null), (none), non-hex and odd-length values of those keys as written', () => {
    expect(
      fieldsOf('exe=(null) tty=(none) comm=top name=abc acct=root cwd=/'),
    ).toEqual({
      exe: '(null)',
      tty: '(none)',
      comm: 'top',
      name: 'abc',
      acct: 'root',
      cwd: '/',
    });
  });

  it('does not decode hex under other keys (SYSCALL a0..a3 are pointers)', () => {
    expect(fieldsOf('a0=63b29337fd18 a1=1 saddr=0200', 'SYSCALL')).toEqual({
      a0: '63b29337fd18',
      a1: '1',
      saddr: '0200',
    });
  });

  it('decodes EXECVE arguments: quoted, hex, and unquoted text left alone', () => {
    expect(
      fieldsOf(
        `argc=4 a0="sh" a1="-c" a2=${hex('echo "hi" there')} a3=top`,
        'EXECVE',
      ),
    ).toEqual({
      argc: '4',
      a0: 'sh',
      a1: '-c',
      a2: 'echo "hi" there',
      a3: 'top',
    });
  });

  it('keeps the pieces of a long EXECVE argument as bytes, to be joined then decoded', () => {
    const word = 'héllo wörld';
    const bytes = Buffer.from(word, 'utf8');
    // Cut inside a two-byte character, as the kernel may.
    const first = bytes.subarray(0, 2).toString('hex');
    const second = bytes.subarray(2).toString('hex');
    const fields = parseAuditFields(
      `argc=2 a0="echo" a1_len=${bytes.length} a1[0]=${first} a1[1]=${second}`,
      'EXECVE',
    );

    expect(fields.get('a1_len')).toBe(String(bytes.length));
    const joined = fields.get('a1[0]')! + fields.get('a1[1]')!;
    expect(Buffer.from(joined, 'latin1').toString('utf8')).toBe(word);
  });

  it("opens msg='…': inner fields merged, inner op/acct/exe/hostname/addr/terminal/res win", () => {
    expect(
      fieldsOf(
        `pid=374 uid=0 auid=4294967295 ses=4294967295 exe="/outer" msg='op=login acct="(unknown)" exe="/usr/sbin/sshd" hostname=localhost addr=1.2.3.4 terminal=ssh res=failed uid=99'`,
      ),
    ).toEqual({
      pid: '374',
      uid: '0', // the kernel's stamp of the sender, not the inner uid=
      auid: '4294967295',
      ses: '4294967295',
      exe: '/usr/sbin/sshd',
      op: 'login',
      acct: '(unknown)',
      hostname: 'localhost',
      addr: '1.2.3.4',
      terminal: 'ssh',
      res: 'failed',
    });
  });

  it("ends msg='…' at the last quote: values inside may hold quotes", () => {
    expect(
      fieldsOf(
        `pid=1 msg='op=PAM:authentication acct="system-property('xsl:vendor')/>" exe="/usr/bin/python3.8" res=failed'`,
      ),
    ).toMatchObject({
      acct: "system-property('xsl:vendor')/>",
      res: 'failed',
    });
  });

  it('decodes hex inside msg (sudo cmd=, sshd acct=)', () => {
    expect(
      fieldsOf(
        `pid=1 msg='cwd="/home/a" cmd=${hex(
          'ls -la /root',
        )} terminal=pts/0 res=success'`,
      ),
    ).toMatchObject({ cwd: '/home/a', cmd: 'ls -la /root' });
  });

  it('reads the old PAM format, parentheses and commas around the origin', () => {
    expect(
      fieldsOf(
        `user pid=13015 uid=0 auid=0 msg='PAM: session open acct=root : exe="/usr/sbin/crond" (hostname=?, addr=?, terminal=cron res=success)'`,
      ),
    ).toEqual({
      pid: '13015',
      uid: '0',
      auid: '0',
      acct: 'root',
      exe: '/usr/sbin/crond',
      hostname: '?',
      addr: '?',
      terminal: 'cron',
      res: 'success',
    });
  });

  it('keeps a (none) inside msg whole', () => {
    expect(fieldsOf(`pid=1 msg='terminal=(none) res=success'`)).toMatchObject({
      terminal: '(none)',
    });
  });

  it('skips words without =, keeps empty values, keeps the first of a repeated key', () => {
    expect(
      fieldsOf(
        'avc:  denied  { read write } for  pid=1 mac= comm="x" old auid=700 new auid=701',
      ),
    ).toEqual({ pid: '1', mac: '', comm: 'x', auid: '700' });
  });

  it('drops a value without a key', () => {
    expect(fieldsOf('=x a=1 =')).toEqual({ a: '1' });
  });

  it('drops what is glued to a closing quote', () => {
    expect(fieldsOf(`argc=1 a0="721df12151a7"' a1="x"`, 'EXECVE')).toEqual({
      argc: '1',
      a0: '721df12151a7',
      a1: 'x',
    });
  });

  it("keeps auditd's \\x1d enrichment apart: it never overwrites a raw field", () => {
    const body =
      'arch=c000003e syscall=59 auid=1000 uid=0 key=(null)\x1dARCH=x86_64 SYSCALL=execve AUID="user" UID="root" auid="spoofed"';
    const parsed = parseAuditBody(body, 'SYSCALL');

    expect(parsed.fields.toJSON()).toEqual({
      arch: 'c000003e',
      syscall: '59',
      auid: '1000',
      uid: '0',
      key: '(null)',
    });
    expect(parsed.enriched?.toJSON()).toEqual({
      ARCH: 'x86_64',
      SYSCALL: 'execve',
      AUID: 'user',
      UID: 'root',
      auid: 'spoofed',
    });
    expect(parsed.raw).toBe(
      'arch=c000003e syscall=59 auid=1000 uid=0 key=(null)',
    );
    expect(parsed.truncated).toBe(false);
  });

  it('reads enriched SADDR={ … } as one value', () => {
    const parsed = parseAuditBody(
      'saddr=0200\x1dSADDR={ saddr_fam=inet laddr=0.0.0.0 lport=0 }',
    );

    expect(parsed.enriched?.get('SADDR')).toBe(
      '{ saddr_fam=inet laddr=0.0.0.0 lport=0 }',
    );
  });

  it.each([
    ['a quoted value never closed', 'argc=2 a0="ls" a1="-l'],
    ["a msg='… never closed", 'pid=1 msg=\'op=login acct="bob" res=success'],
  ])('says a body is cut short: %s', (_, body) => {
    expect(parseAuditBody(body, 'EXECVE').truncated).toBe(true);
  });

  it('never throws, whatever the text', () => {
    const junk = [
      '',
      '=',
      '==',
      'a=',
      "msg='",
      "msg=''",
      'a0=',
      '"',
      'k="',
      '\x1d',
      '\x1d=',
      'x=y\x1dSADDR={',
      "msg='(hostname=?,",
      'a1[=ZZ a1[0]=0 a1_len=',
      String.fromCharCode(...Array.from({ length: 256 }, (_, i) => i)),
    ];
    for (const body of junk) {
      for (const type of ['', 'EXECVE', 'USER_LOGIN']) {
        expect(() => parseAuditBody(body, type)).not.toThrow();
      }
    }
  });
});
