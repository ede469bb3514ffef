// Factories for the tests of this folder; nothing outside tests imports them.
import type {
  AuditEvent,
  AuditEventsPage,
  ExecveEvent,
  LoginEvent,
} from '@cos-auditd/backstage-plugin-cos-auditd-common';

/** A successful `ls` run through sudo by auid 1000 on node-a. */
export function executionEvent(
  overrides: Partial<ExecveEvent> = {},
): ExecveEvent {
  const serial = overrides.serial ?? 100;
  const node = overrides.node ?? 'node-a';
  return {
    id: `${node}:${serial}:1714557600`,
    type: 'execve',
    time: '2024-05-01T10:00:00.000Z',
    serial,
    node,
    records: [
      `SYSCALL arch=c000003e syscall=59 success=yes exit=0 ppid=1 pid=10 auid=1000 uid=0 comm="ls" exe="/usr/bin/ls"`,
      `EXECVE argc=3 a0="ls" a1="-la" a2="/tmp"`,
      `CWD cwd="/root"`,
    ],
    exe: '/usr/bin/ls',
    argv: ['ls', '-la', '/tmp'],
    cwd: '/root',
    pid: 10,
    ppid: 1,
    uid: 0,
    auid: 1000,
    euid: 0,
    tty: 'pts0',
    ses: 3,
    comm: 'ls',
    success: true,
    exit: 0,
    ...overrides,
  };
}

/** A successful SSH login of alice on node-a. */
export function loginEvent(overrides: Partial<LoginEvent> = {}): LoginEvent {
  const serial = overrides.serial ?? 200;
  const node = overrides.node ?? 'node-a';
  return {
    id: `${node}:${serial}:1714557600`,
    type: 'login',
    time: '2024-05-01T10:00:00.000Z',
    serial,
    node,
    records: [
      `USER_LOGIN pid=20 uid=0 auid=1000 ses=4 msg='op=login acct="alice" exe="/usr/sbin/sshd" hostname=? addr=203.0.113.7 terminal=ssh res=success'`,
    ],
    recordType: 'USER_LOGIN',
    user: 'alice',
    uid: 1000,
    auid: 1000,
    addr: '203.0.113.7',
    hostname: null,
    terminal: 'ssh',
    exe: '/usr/sbin/sshd',
    result: 'success',
    pid: 20,
    ses: 4,
    ...overrides,
  };
}

/** A page of the events endpoint holding `items`. */
export function eventsPage(
  items: AuditEvent[],
  overrides: Partial<AuditEventsPage> = {},
): AuditEventsPage {
  return {
    items,
    logFilter: 'logName="projects/demo/logs/linux-auditd"',
    logsExplorerUrl:
      'https://console.cloud.google.com/logs/query;query=linux-auditd?project=demo',
    skippedRecords: 0,
    ...overrides,
  };
}
