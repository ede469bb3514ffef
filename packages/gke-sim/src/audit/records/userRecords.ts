import { AuditRecord, AuditRecordType } from './AuditRecord';
import { auditString, hexOf, needsHex } from './auditEncoding';

/** The process that sends a user-space record (sshd, sudo), as the kernel stamps it. */
export type Sender = { pid: number; uid: number; auid: number; ses: number };

/** A PAM or login outcome for one account. */
export type Login = {
  acct: string;
  exe: string;
  /** Remote host name or address; `?` when local. */
  hostname: string;
  addr: string;
  terminal: string;
  res: 'success' | 'failed';
};

/** The operation each PAM record reports (`op=` in msg). */
const PAM_OPERATIONS: Partial<Record<AuditRecordType, string>> = {
  USER_AUTH: 'PAM:authentication',
  USER_ACCT: 'PAM:accounting',
  CRED_ACQ: 'PAM:setcred',
  CRED_REFR: 'PAM:setcred',
  CRED_DISP: 'PAM:setcred',
  USER_START: 'PAM:session_open',
  USER_END: 'PAM:session_close',
};

/** A PAM record (USER_AUTH, USER_ACCT, CRED_*, USER_START, USER_END) as libaudit formats it. */
export function pamRecord(
  type: AuditRecordType,
  sender: Sender,
  login: Login,
): AuditRecord {
  const grantors = login.res === 'success' ? grantorsOf(type) : '?';
  return userRecord(type, sender, [
    `op=${PAM_OPERATIONS[type] ?? 'PAM:unknown'}`,
    `grantors=${grantors}`,
    `acct=${auditString(login.acct)}`,
    `exe=${auditString(login.exe)}`,
    `hostname=${login.hostname}`,
    `addr=${login.addr}`,
    `terminal=${login.terminal}`,
    `res=${login.res}`,
  ]);
}

/**
 * USER_LOGIN as sshd writes it: `id=` with the uid after a successful login,
 * `acct=` with the attempted name (or "(unknown)") after a failed one.
 */
export function userLoginRecord(
  sender: Sender,
  login: Login,
  uid?: number,
): AuditRecord {
  const who =
    uid !== undefined ? `id=${uid}` : `acct=${auditString(login.acct)}`;
  return userRecord('USER_LOGIN', sender, [
    'op=login',
    who,
    `exe=${auditString(login.exe)}`,
    `hostname=${login.hostname}`,
    `addr=${login.addr}`,
    `terminal=${login.terminal}`,
    `res=${login.res}`,
  ]);
}

/** sudo's USER_CMD: the command hex-encoded when it has spaces or quotes, as sudo does. */
export function userCommandRecord(
  sender: Sender,
  command: { cwd: string; cmd: string; terminal: string },
): AuditRecord {
  const cmd = needsHex(command.cmd) ? hexOf(command.cmd) : `"${command.cmd}"`;
  return userRecord('USER_CMD', sender, [
    `cwd=${auditString(command.cwd)}`,
    `cmd=${cmd}`,
    `terminal=${command.terminal}`,
    'res=success',
  ]);
}

function userRecord(
  type: AuditRecordType,
  sender: Sender,
  fields: string[],
): AuditRecord {
  return {
    type,
    body: `pid=${sender.pid} uid=${sender.uid} auid=${sender.auid} ses=${
      sender.ses
    } msg='${fields.join(' ')}'`,
  };
}

function grantorsOf(type: AuditRecordType): string {
  switch (type) {
    case 'USER_ACCT':
      return 'pam_access,pam_unix,pam_localuser';
    case 'USER_START':
    case 'USER_END':
      return 'pam_selinux,pam_loginuid,pam_keyinit,pam_limits,pam_unix';
    default:
      return 'pam_unix';
  }
}
