import {
  AUDIT_ARCH,
  SYSCALLS,
} from '@cos-auditd/backstage-plugin-cos-auditd-common';

/**
 * The records of an execve event, in the order events show them. PATH
 * records are kept for display; EOE never arrives (journald drops it).
 */
export const EXECVE_RECORD_TYPES = [
  'SYSCALL',
  'EXECVE',
  'CWD',
  'PATH',
  'PROCTITLE',
] as const;

/**
 * The records that are login events, one event each: PAM (USER_AUTH,
 * USER_ACCT, CRED_*, USER_START/END), sshd and login (USER_LOGIN,
 * USER_LOGOUT, USER_ERR), sudo (USER_CMD), passwd (USER_CHAUTHTOK) and
 * the shadow tools (USER_MGMT).
 */
export const LOGIN_RECORD_TYPES = [
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
] as const;

/** The SYSCALL record's `arch` → the execve syscall number on it. */
export const EXECVE_SYSCALLS: ReadonlyMap<string, string> = new Map([
  [AUDIT_ARCH.x86_64, String(SYSCALLS.execve.x86_64)],
  [AUDIT_ARCH.aarch64, String(SYSCALLS.execve.aarch64)],
]);
