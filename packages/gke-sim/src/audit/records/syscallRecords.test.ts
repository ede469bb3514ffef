import { Execve, execveRecords } from './syscallRecords';

function execve(overrides: Partial<Execve> = {}): Execve {
  return {
    arch: 'amd64',
    process: {
      pid: 20,
      ppid: 10,
      uid: 0,
      gid: 0,
      auid: 1000,
      ses: 3,
      tty: 'pts0',
    },
    exe: '/usr/bin/curl',
    argv: ['curl', '-s', 'http://example.com'],
    cwd: '/root',
    inodes: [111, 222],
    pointers: ['55aa', '55bb', '55cc'],
    ...overrides,
  };
}

function bodies(call: Execve, type: string): string[] {
  return execveRecords(call)
    .filter(r => r.type === type)
    .map(r => r.body);
}

describe('execveRecords', () => {
  it('emits SYSCALL, EXECVE, CWD, two PATHs and PROCTITLE in kernel order', () => {
    expect(execveRecords(execve()).map(r => r.type)).toEqual([
      'SYSCALL',
      'EXECVE',
      'CWD',
      'PATH',
      'PATH',
      'PROCTITLE',
    ]);
  });

  it('stamps the execve syscall of the architecture', () => {
    expect(bodies(execve(), 'SYSCALL')[0]).toMatch(
      /^arch=c000003e syscall=59 success=yes /,
    );
    expect(bodies(execve({ arch: 'arm64' }), 'SYSCALL')[0]).toMatch(
      /^arch=c00000b7 syscall=221 /,
    );
  });

  it('quotes plain arguments and hex-encodes those with spaces or quotes', () => {
    const call = execve({ argv: ['sh', '-c', 'echo "hi" there'] });

    expect(bodies(call, 'EXECVE')).toEqual([
      `argc=3 a0="sh" a1="-c" a2=${Buffer.from('echo "hi" there')
        .toString('hex')
        .toUpperCase()}`,
    ]);
  });

  it('splits a long argument into aN_len and aN[i] chunks over several EXECVE records', () => {
    const long = 'x'.repeat(6000);

    const records = bodies(execve({ argv: ['sh', '-c', long] }), 'EXECVE');

    expect(records.length).toBeGreaterThan(1);
    // The kernel gives the length of the hex text, twice the bytes.
    expect(records[0]).toMatch(
      /^argc=3 a0="sh" a1="-c" a2_len=12000 a2\[0\]=(78)+$/,
    );
    expect(records[1]).toMatch(/^a2\[1\]=(78)+$/);
    expect(records.join('').match(/78/g)?.length).toBe(6000);
  });

  it('writes the command line NUL-separated and hex-encoded in PROCTITLE, cut at 128 bytes', () => {
    expect(bodies(execve({ argv: ['id'] }), 'PROCTITLE')).toEqual([
      'proctitle="id"',
    ]);
    expect(bodies(execve({ argv: ['ls', '-l'] }), 'PROCTITLE')).toEqual([
      'proctitle=6C73002D6C',
    ]);
    const long = bodies(
      execve({ argv: ['echo', 'y'.repeat(300)] }),
      'PROCTITLE',
    )[0];
    expect(long).toHaveLength('proctitle='.length + 256);
  });
});
