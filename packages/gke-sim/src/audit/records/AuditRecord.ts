/** One kernel or user-space audit record, as journald receives it over netlink. */
export type AuditRecord = {
  /** The record type name, e.g. `SYSCALL`, `USER_LOGIN`. */
  type: AuditRecordType;
  /** The text after `audit(SEC.MSEC:SERIAL): `. */
  body: string;
};

/** The records of one audit event: they share a serial and an audit time. */
export type AuditEvent = {
  serial: number;
  /** Audit time in milliseconds since the epoch (the kernel stamps `SEC.MSEC`). */
  timeMs: number;
  records: AuditRecord[];
};

/** The record types the generator writes, with their netlink numbers. */
export const AUDIT_RECORD_TYPES = {
  USER_AUTH: 1100,
  USER_ACCT: 1101,
  CRED_ACQ: 1103,
  CRED_DISP: 1104,
  USER_START: 1105,
  USER_END: 1106,
  CRED_REFR: 1110,
  USER_LOGIN: 1112,
  USER_LOGOUT: 1113,
  USER_CMD: 1123,
  USER_TTY: 1124,
  SYSCALL: 1300,
  PATH: 1302,
  CWD: 1307,
  EXECVE: 1309,
  PROCTITLE: 1327,
} as const;

export type AuditRecordType = keyof typeof AUDIT_RECORD_TYPES;
