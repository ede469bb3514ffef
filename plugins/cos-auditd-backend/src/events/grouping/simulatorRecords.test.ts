/**
 * What the simulator writes (its record writer and journald/agent shaping,
 * packages/gke-sim/src/audit) read back into events: the round trip the
 * demo and the plugin's end-to-end tests depend on.
 */
import {
  auditLogEntry,
  execveRecords,
  journalRecord,
  pamRecord,
  userCommandRecord,
  userLoginRecord,
  AgentNode,
  AuditSource,
  SimulatedAuditRecord as SimRecord,
  Execve,
} from '@cos-auditd/gke-sim';
import {
  ExecveEvent,
  LoginEvent,
} from '@cos-auditd/backstage-plugin-cos-auditd-common';
import { recordFromLogEntry } from '../records';
import { groupAuditEvents } from './groupAuditEvents';

const node: AgentNode = {
  name: 'gke-sim-default-pool-1a2b3c4d-x7k2',
  pool: 'default-pool',
  arch: 'amd64',
  providerID: 'gce://p/z/i',
  zone: 'us-central1-a',
  instanceId: '1234567890',
};
const source: AuditSource = {
  project: 'sim-project',
  location: 'us-central1',
  clusterName: 'sim',
  agentReadyNodes: () => [node],
  agentConfig: () => undefined,
};
const journal = { node, bootId: 'b'.repeat(32), machineId: 'm'.repeat(32) };

/** The LogEntries the agent ships for one event's records, shuffled as pages may. */
function entries(
  agent: 'fluent-bit' | 'fluentd-legacy',
  event: { serial: number; timeMs: number },
  records: SimRecord[],
) {
  return records
    .map((record, index) => ({
      ...auditLogEntry(
        agent,
        source,
        node,
        journalRecord(journal, event, record),
        new Date(event.timeMs + index).toISOString(),
      ),
      insertId: `${event.serial}-${index}`,
    }))
    .reverse();
}

function call(overrides: Partial<Execve> = {}): Execve {
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
    argv: [
      'curl',
      '-s',
      '-H',
      'Metadata-Flavor: Google',
      'http://metadata.google.internal/computeMetadata/v1/instance/service-accounts/default/token',
    ],
    cwd: '/root',
    inodes: [111, 222],
    pointers: ['55aa', '55bb', '55cc'],
    ...overrides,
  };
}

const group = (input: unknown[], type: 'execve' | 'login') =>
  groupAuditEvents(input.map(recordFromLogEntry), {
    type,
    maskSecrets: false,
    final: false,
  });

describe('records the simulator writes', () => {
  it.each(['fluent-bit', 'fluentd-legacy'] as const)(
    'reads back an execve shipped by %s',
    agent => {
      const event = { serial: 4242, timeMs: 1760000000123 };
      const grouped = group(
        entries(agent, event, execveRecords(call())),
        'execve',
      );

      expect(grouped.incomplete).toEqual([]);
      expect(grouped.events).toEqual([
        expect.objectContaining<Partial<ExecveEvent>>({
          id: `${node.name}:1760000000.123:4242`,
          node: node.name,
          exe: '/usr/bin/curl',
          argv: call().argv,
          cwd: '/root',
          pid: 20,
          ppid: 10,
          uid: 0,
          auid: 1000,
          ses: 3,
          tty: 'pts0',
          comm: 'curl',
          success: true,
          exit: 0,
        }),
      ]);
      expect(grouped.events[0].records.map(r => r.split(' ')[0])).toEqual([
        'SYSCALL',
        'EXECVE',
        'CWD',
        'PATH',
        'PATH',
        'PROCTITLE',
      ]);
    },
  );

  it('reads back arm64, hex arguments, odd paths and an argument too long for one record', () => {
    const long = `--payload=${'ab '.repeat(6000)}é`;
    const argv = ['/usr/bin/my tool', 'say "hi"', long, 'ünïcode'];
    const sim = execveRecords(
      call({ arch: 'arm64', exe: '/usr/bin/my tool', argv, cwd: '/home/a b' }),
    );
    expect(sim.filter(r => r.type === 'EXECVE').length).toBeGreaterThan(1);

    const grouped = group(
      entries('fluent-bit', { serial: 7, timeMs: 1760000000000 }, sim),
      'execve',
    );

    expect(grouped.incomplete).toEqual([]);
    expect(grouped.events[0]).toMatchObject({
      exe: '/usr/bin/my tool',
      comm: 'my tool',
      cwd: '/home/a b',
      argv,
    });
  });

  it('reads back sshd, PAM and sudo records', () => {
    const sshd = { pid: 500, uid: 0, auid: 4294967295, ses: 4294967295 };
    const origin = {
      exe: '/usr/sbin/sshd',
      hostname: '198.51.100.2',
      addr: '198.51.100.2',
      terminal: 'ssh',
    };
    const input = [
      ...entries('fluent-bit', { serial: 1, timeMs: 1760000000000 }, [
        userLoginRecord(sshd, { ...origin, acct: '(unknown)', res: 'failed' }),
      ]),
      ...entries('fluent-bit', { serial: 2, timeMs: 1760000001000 }, [
        pamRecord('USER_AUTH', sshd, {
          ...origin,
          acct: 'alice',
          res: 'success',
        }),
      ]),
      ...entries('fluent-bit', { serial: 3, timeMs: 1760000002000 }, [
        userLoginRecord(
          sshd,
          { ...origin, acct: 'alice', res: 'success' },
          1001,
        ),
      ]),
      ...entries('fluentd-legacy', { serial: 4, timeMs: 1760000003000 }, [
        userCommandRecord(
          { pid: 600, uid: 1001, auid: 1001, ses: 7 },
          {
            cwd: '/home/alice',
            cmd: 'systemctl restart kubelet',
            terminal: 'pts/0',
          },
        ),
      ]),
    ];
    const grouped = group(input, 'login');

    expect(
      (grouped.events as LoginEvent[]).map(e => [
        e.recordType,
        e.user,
        e.result,
        e.addr,
        e.terminal,
        e.node,
      ]),
    ).toEqual([
      ['USER_CMD', null, 'success', null, 'pts/0', node.name],
      ['USER_LOGIN', '1001', 'success', '198.51.100.2', 'ssh', node.name],
      ['USER_AUTH', 'alice', 'success', '198.51.100.2', 'ssh', node.name],
      ['USER_LOGIN', '(unknown)', 'failed', '198.51.100.2', 'ssh', node.name],
    ]);
    expect(grouped.events[0].records[0]).toContain('cmd=');
  });
});
