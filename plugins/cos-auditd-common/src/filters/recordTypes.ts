/**
 * Audit record type names a filter may exclude: the kernel's and the
 * userspace tools' names as `_AUDIT_TYPE_NAME` carries them. A closed list,
 * so a typo is a validation error instead of a filter that never matches.
 *
 * @public
 */
export const AUDIT_RECORD_TYPES = [
  'ADD_GROUP',
  'ADD_USER',
  'ANOM_ABEND',
  'ANOM_PROMISCUOUS',
  'AVC',
  'BPF',
  'CONFIG_CHANGE',
  'CRED_ACQ',
  'CRED_DISP',
  'CRED_REFR',
  'CWD',
  'DAEMON_END',
  'DAEMON_START',
  'DEL_GROUP',
  'DEL_USER',
  'EOE',
  'EXECVE',
  'KERN_MODULE',
  'LOGIN',
  'MAC_STATUS',
  'MMAP',
  'NETFILTER_CFG',
  'OBJ_PID',
  'PATH',
  'PROCTITLE',
  'SECCOMP',
  'SERVICE_START',
  'SERVICE_STOP',
  'SOCKADDR',
  'SOCKETCALL',
  'SYSCALL',
  'SYSTEM_BOOT',
  'SYSTEM_RUNLEVEL',
  'SYSTEM_SHUTDOWN',
  'TTY',
  'USER_ACCT',
  'USER_AUTH',
  'USER_AVC',
  'USER_CHAUTHTOK',
  'USER_CMD',
  'USER_END',
  'USER_ERR',
  'USER_LOGIN',
  'USER_LOGOUT',
  'USER_MGMT',
  'USER_ROLE_CHANGE',
  'USER_START',
  'USER_TTY',
] as const;

/**
 * The record types that make up execve and login events: what the
 * `exec-and-login` preset keeps.
 *
 * @public
 */
export const EXEC_AND_LOGIN_RECORD_TYPES = [
  'EXECVE',
  'CWD',
  'PATH',
  'PROCTITLE',
  'USER_AUTH',
  'USER_ACCT',
  'USER_LOGIN',
  'USER_LOGOUT',
  'USER_START',
  'USER_END',
  'USER_CMD',
  'USER_ERR',
  'USER_TTY',
  'CRED_ACQ',
  'CRED_DISP',
  'CRED_REFR',
  'LOGIN',
] as const;
