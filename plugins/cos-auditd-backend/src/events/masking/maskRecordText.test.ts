import {
  auditEncode,
  maskExecveText,
  maskProctitleText,
  maskUserCmdText,
} from './maskRecordText';

const hex = (text: string) =>
  Buffer.from(text, 'utf8').toString('hex').toUpperCase();

describe('auditEncode', () => {
  it('quotes plain values and hex-encodes those the kernel would', () => {
    expect(auditEncode('--password=***')).toBe('"--password=***"');
    expect(auditEncode('Authorization: Bearer ***')).toBe(
      hex('Authorization: Bearer ***'),
    );
    expect(auditEncode('a"b')).toBe(hex('a"b'));
    expect(auditEncode('é')).toBe('C3A9');
  });
});

describe('maskExecveText', () => {
  it('replaces the masked arguments, quoted or hex, and nothing else', () => {
    const text = `EXECVE argc=4 a0="curl" a1="-H" a2=${hex(
      'Authorization: Bearer abc',
    )} a3="https://x"`;

    expect(
      maskExecveText(text, new Map([[2, 'Authorization: Bearer ***']])),
    ).toBe(
      `EXECVE argc=4 a0="curl" a1="-H" a2=${hex(
        'Authorization: Bearer ***',
      )} a3="https://x"`,
    );
  });

  it('masks a long argument: the first piece holds the mask, the others empty', () => {
    const text =
      'EXECVE argc=2 a0="app" a1_len=8 a1[0]=2D2D746F6B a1[1]=656E3D78';

    expect(maskExecveText(text, new Map([[1, '--token=***']]))).toBe(
      'EXECVE argc=2 a0="app" a1_len=8 a1[0]="--token=***" a1[1]=""',
    );
  });

  it('leaves a record without masked arguments as it is', () => {
    const text = 'EXECVE a5="x" a12="y"';
    expect(maskExecveText(text, new Map([[1, '***']]))).toBe(text);
    expect(maskExecveText(text, new Map())).toBe(text);
  });

  it('does not take a12 for a1', () => {
    expect(maskExecveText('EXECVE a1="p" a12="q"', new Map([[1, '***']]))).toBe(
      'EXECVE a1="***" a12="q"',
    );
  });
});

describe('maskProctitleText', () => {
  it('masks the command line PROCTITLE carries, NUL-separated, as hex', () => {
    const proctitle = 'mysql\u0000-phunter2\u0000db';
    expect(
      maskProctitleText(`PROCTITLE proctitle=${hex(proctitle)}`, proctitle),
    ).toBe(`PROCTITLE proctitle=${hex('mysql\u0000-p***\u0000db')}`);
  });

  it('leaves a harmless one as it is', () => {
    expect(maskProctitleText('PROCTITLE proctitle="bash"', 'bash')).toBe(
      'PROCTITLE proctitle="bash"',
    );
  });
});

describe('maskUserCmdText', () => {
  it("masks sudo's cmd= inside msg, hex or quoted", () => {
    const cmd = 'mysql --password=hunter2 db';
    const text = `USER_CMD pid=1 uid=1000 msg='cwd="/home/a" cmd=${hex(
      cmd,
    )} terminal=pts/0 res=success'`;

    expect(maskUserCmdText(text, cmd)).toBe(
      `USER_CMD pid=1 uid=1000 msg='cwd="/home/a" cmd=${hex(
        'mysql --password=*** db',
      )} terminal=pts/0 res=success'`,
    );
    // Written back as sudo writes a command with spaces: in hex.
    expect(
      maskUserCmdText(
        `USER_CMD msg='cmd="env TOKEN=abc" res=success'`,
        'env TOKEN=abc',
      ),
    ).toBe(`USER_CMD msg='cmd=${hex('env TOKEN=***')} res=success'`);
  });

  it('leaves a harmless command as it is', () => {
    const text = `USER_CMD msg='cwd="/" cmd="su" res=success'`;
    expect(maskUserCmdText(text, 'su')).toBe(text);
  });
});
