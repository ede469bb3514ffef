import {
  Login,
  pamRecord,
  userCommandRecord,
  userLoginRecord,
} from './userRecords';

const sshd = { pid: 500, uid: 0, auid: 4294967295, ses: 4294967295 };

function login(overrides: Partial<Login> = {}): Login {
  return {
    acct: 'alice',
    exe: '/usr/sbin/sshd',
    hostname: '198.51.100.2',
    addr: '198.51.100.2',
    terminal: 'ssh',
    res: 'success',
    ...overrides,
  };
}

describe('user-space records', () => {
  it('formats a PAM record with op, grantors, account and origin', () => {
    expect(pamRecord('USER_AUTH', sshd, login())).toEqual({
      type: 'USER_AUTH',
      body: `pid=500 uid=0 auid=4294967295 ses=4294967295 msg='op=PAM:authentication grantors=pam_unix acct="alice" exe="/usr/sbin/sshd" hostname=198.51.100.2 addr=198.51.100.2 terminal=ssh res=success'`,
    });
  });

  it('reports a failed login by the attempted account', () => {
    expect(
      userLoginRecord(sshd, login({ acct: '(unknown)', res: 'failed' })).body,
    ).toContain(`op=login acct="(unknown)" exe="/usr/sbin/sshd"`);
  });

  it('reports a successful login by uid', () => {
    expect(userLoginRecord(sshd, login(), 1001).body).toContain(
      'op=login id=1001 ',
    );
  });

  it('hex-encodes a sudo command with spaces, as sudo does', () => {
    expect(
      userCommandRecord(sshd, {
        cwd: '/root',
        cmd: 'cat /etc/shadow',
        terminal: 'pts/0',
      }).body,
    ).toContain(
      `cwd="/root" cmd=636174202F6574632F736861646F77 terminal=pts/0 res=success`,
    );
    expect(
      userCommandRecord(sshd, { cwd: '/root', cmd: 'bash', terminal: 'pts/0' })
        .body,
    ).toContain('cmd="bash"');
  });
});
