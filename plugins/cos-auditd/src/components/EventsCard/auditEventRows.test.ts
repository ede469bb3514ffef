import {
  appendAuditEvents,
  formatExecveUser,
  toAuditEventRow,
} from './auditEventRows';
import { executionEvent as execve, loginEvent as login } from './testEvents';

describe('formatExecveUser', () => {
  it.each([
    [{ auid: 1000, uid: 0 }, 'auid 1000 (uid 0)'],
    [{ auid: 4294967295, uid: 0 }, 'auid unset (uid 0)'],
    [{ auid: null, uid: 0 }, 'auid unset (uid 0)'],
    [{ auid: 1000, uid: null }, 'auid 1000'],
  ])('shows %o as %s', (ids, text) => {
    expect(formatExecveUser(ids)).toBe(text);
  });
});

describe('toAuditEventRow', () => {
  it('joins an execution’s arguments with spaces', () => {
    expect(toAuditEventRow(execve()).arguments).toBe('ls -la /tmp');
  });

  it('shows a failed execution with its exit code', () => {
    const row = toAuditEventRow(execve({ success: false, exit: -2 }));
    expect(row).toMatchObject({
      outcome: 'failed',
      outcomeText: 'failed (exit -2)',
      standsOut: false,
    });
  });

  it('says an execution without a SYSCALL record has an unknown result', () => {
    const row = toAuditEventRow(execve({ success: null, exit: null }));
    expect(row).toMatchObject({ outcome: 'unknown', outcomeText: 'unknown' });
  });

  it('makes a failed login stand out', () => {
    const row = toAuditEventRow(login({ result: 'failed' }));
    expect(row).toMatchObject({
      outcome: 'failed',
      outcomeText: 'failed',
      standsOut: true,
    });
  });

  it('shows a login’s address with its host name when they differ', () => {
    expect(
      toAuditEventRow(login({ hostname: 'bastion.example.com' })).address,
    ).toBe('203.0.113.7 (bastion.example.com)');
    expect(toAuditEventRow(login({ hostname: '203.0.113.7' })).address).toBe(
      '203.0.113.7',
    );
  });
});

describe('appendAuditEvents', () => {
  it('appends new events after the loaded ones', () => {
    const a = execve({ id: 'a' });
    const b = execve({ id: 'b' });
    expect(appendAuditEvents([a], [b]).map(e => e.id)).toEqual(['a', 'b']);
  });

  it('keeps an event split over two pages once, with the records of both', () => {
    const first = execve({
      id: 'split',
      argv: [],
      cwd: null,
      records: ['SYSCALL arch=c000003e syscall=59'],
    });
    const later = execve({
      id: 'split',
      cwd: '/home/alice',
      records: ['SYSCALL arch=c000003e syscall=59', 'CWD cwd="/home/alice"'],
    });
    const merged = appendAuditEvents([first, execve({ id: 'other' })], [later]);
    expect(merged.map(e => e.id)).toEqual(['split', 'other']);
    expect(merged[0]).toMatchObject({
      cwd: '/home/alice',
      records: ['SYSCALL arch=c000003e syscall=59', 'CWD cwd="/home/alice"'],
    });
  });

  it('keeps a duplicate within one page once', () => {
    const a = execve({ id: 'a' });
    expect(appendAuditEvents([], [a, { ...a }])).toHaveLength(1);
  });
});
