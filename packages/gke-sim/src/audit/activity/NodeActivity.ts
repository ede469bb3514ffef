import { AgentNode } from '../AuditSource';
import {
  AuditRecord,
  execveRecords,
  Login,
  pamRecord,
  ProcessIdentity,
  UNSET_ID,
  userCommandRecord,
  userLoginRecord,
} from '../records';
import { SeededRandom } from '../../random';
import {
  ADMIN_ADDRESSES,
  Command,
  CONTAINER_COMMANDS,
  DAEMON_COMMANDS,
  EXEC_SHELLS,
  GUESSED_USERS,
  SCANNER_ADDRESSES,
  SESSION_COMMANDS,
  USERS,
} from './commands';

/** An audit event of a node, with when journald received each of its records. */
export type NodeAuditEvent = {
  serial: number;
  /** Audit time, whole milliseconds since the epoch. */
  timeMs: number;
  records: AuditRecord[];
  /** Per record: microseconds after the audit time that journald stored it. */
  journalDelaysUs: number[];
};

/** An event before its serial is known. */
type Draft = { timeMs: number; records: AuditRecord[] };

type Scenario = 'daemon' | 'container' | 'ssh' | 'failedLogin' | 'kubectlExec';

const SCENARIOS: ReadonlyArray<readonly [number, Scenario]> = [
  [3, 'daemon'],
  [3, 'container'],
  [1.5, 'ssh'],
  [1.5, 'failedLogin'],
  [1.5, 'kubectlExec'],
];

const SSHD = '/usr/sbin/sshd';

/**
 * What happens on one node, as audit events: daemons and containers
 * running commands, SSH sessions with sudo, failed logins from scanners,
 * `kubectl exec -t` shells. Deterministic for a seed and node name; serials
 * and pids only grow.
 */
export class NodeActivity {
  readonly #node: AgentNode;
  readonly #random: SeededRandom;
  #serial: number;
  #pid: number;
  #session: number;
  readonly #kubeletPid: number;
  readonly #shimPid: number;

  static create(options: { seed: number; node: AgentNode }): NodeActivity {
    return new NodeActivity(options.seed, options.node);
  }

  private constructor(seed: number, node: AgentNode) {
    this.#node = node;
    this.#random = SeededRandom.forName(seed, node.name);
    this.#serial = this.#random.int(1_000, 60_000);
    this.#pid = this.#random.int(3_000, 20_000);
    this.#session = this.#random.int(1, 20);
    this.#kubeletPid = this.#random.int(800, 1_500);
    this.#shimPid = this.#random.int(1_600, 2_900);
  }

  /**
   * About `count` events (a scenario may bring a few more records) with audit
   * times in [fromMs, untilMs), in serial order.
   */
  events(fromMs: number, untilMs: number, count: number): NodeAuditEvent[] {
    const drafts: Draft[] = [];
    const span = Math.max(1, untilMs - fromMs);
    for (let i = 0; i < count; i++) {
      // Leave room so a scenario's later steps stay inside the window.
      const start = fromMs + Math.floor(this.#random.next() * span * 0.6);
      const scenario = this.#random.weighted(SCENARIOS);
      drafts.push(...this.#scenario(scenario, start, untilMs - 1));
    }
    drafts.sort((a, b) => a.timeMs - b.timeMs);
    return drafts.map(draft => ({
      ...draft,
      serial: this.#nextSerial(),
      journalDelaysUs: this.#journalDelaysUs(draft.records.length),
    }));
  }

  #scenario(scenario: Scenario, start: number, last: number): Draft[] {
    const clock = stepClock(start, last, this.#random);
    switch (scenario) {
      case 'daemon':
        return [
          this.#execve(
            clock(),
            this.#daemon(),
            this.#random.pick(DAEMON_COMMANDS),
            '/',
          ),
        ];
      case 'container':
        return [
          this.#execve(
            clock(),
            this.#containerProcess('(none)'),
            this.#containerCommand(),
            '/',
          ),
        ];
      case 'ssh':
        return this.#sshSession(clock);
      case 'failedLogin':
        return this.#failedLogins(clock);
      default:
        return this.#kubectlExec(clock);
    }
  }

  #sshSession(clock: () => number): Draft[] {
    const user = this.#random.pick(USERS);
    const addr = this.#random.pick(ADMIN_ADDRESSES);
    const sshd = this.#nextPid();
    const session = this.#nextSession();
    const terminal = `pts/${this.#random.int(0, 3)}`;
    const login: Login = {
      acct: user.name,
      exe: SSHD,
      hostname: addr,
      addr,
      terminal: 'ssh',
      res: 'success',
    };
    const before = { pid: sshd, uid: 0, auid: UNSET_ID, ses: UNSET_ID };
    const after = { pid: sshd, uid: 0, auid: user.uid, ses: session };
    const drafts: Draft[] = [
      this.#user(clock(), pamRecord('USER_AUTH', before, login)),
      this.#user(clock(), pamRecord('USER_ACCT', before, login)),
      this.#user(clock(), pamRecord('CRED_ACQ', before, login)),
      this.#user(clock(), pamRecord('USER_START', after, login)),
      this.#user(
        clock(),
        userLoginRecord(
          after,
          { ...login, terminal: `/dev/${terminal}` },
          user.uid,
        ),
      ),
    ];
    const shell: ProcessIdentity = {
      pid: this.#nextPid(),
      ppid: sshd,
      uid: user.uid,
      gid: user.uid,
      auid: user.uid,
      ses: session,
      tty: terminal.replace('/', ''),
    };
    const home = `/home/${user.name}`;
    drafts.push(
      this.#execve(clock(), shell, { exe: '/bin/bash', argv: ['-bash'] }, home),
    );
    for (let i = this.#random.int(1, 3); i > 0; i--) {
      const child = { ...shell, pid: this.#nextPid(), ppid: shell.pid };
      drafts.push(
        this.#execve(clock(), child, this.#random.pick(SESSION_COMMANDS), home),
      );
    }
    if (this.#random.chance(0.5)) {
      drafts.push(...this.#sudo(clock, shell, user.name, home, terminal));
    }
    drafts.push(
      this.#user(clock(), pamRecord('USER_END', after, login)),
      this.#user(clock(), pamRecord('CRED_DISP', after, login)),
    );
    return drafts;
  }

  #sudo(
    clock: () => number,
    shell: ProcessIdentity,
    userName: string,
    cwd: string,
    terminal: string,
  ): Draft[] {
    const sudo = {
      pid: this.#nextPid(),
      uid: shell.uid,
      auid: shell.auid,
      ses: shell.ses,
    };
    const asRoot = { ...sudo, uid: 0 };
    const command = this.#random.pick(SESSION_COMMANDS);
    const local: Login = {
      acct: userName,
      exe: '/usr/bin/sudo',
      hostname: '?',
      addr: '?',
      terminal: `/dev/${terminal}`,
      res: 'success',
    };
    const root: Login = { ...local, acct: 'root' };
    const process: ProcessIdentity = {
      ...shell,
      pid: this.#nextPid(),
      ppid: sudo.pid,
      uid: 0,
      gid: 0,
    };
    return [
      this.#user(clock(), pamRecord('USER_ACCT', sudo, local)),
      this.#user(
        clock(),
        userCommandRecord(sudo, {
          cwd,
          cmd: [command.exe, ...command.argv.slice(1)].join(' '),
          terminal,
        }),
      ),
      this.#user(clock(), pamRecord('CRED_REFR', asRoot, root)),
      this.#user(clock(), pamRecord('USER_START', asRoot, root)),
      this.#execve(clock(), process, command, cwd),
      this.#user(clock(), pamRecord('USER_END', asRoot, root)),
      this.#user(clock(), pamRecord('CRED_DISP', asRoot, root)),
    ];
  }

  #failedLogins(clock: () => number): Draft[] {
    const addr = this.#random.pick(SCANNER_ADDRESSES);
    const drafts: Draft[] = [];
    for (let i = this.#random.int(1, 3); i > 0; i--) {
      const sender = {
        pid: this.#nextPid(),
        uid: 0,
        auid: UNSET_ID,
        ses: UNSET_ID,
      };
      const guessed = this.#random.pick(GUESSED_USERS);
      const login: Login = {
        acct: guessed,
        exe: SSHD,
        hostname: addr,
        addr,
        terminal: 'ssh',
        res: 'failed',
      };
      drafts.push(this.#user(clock(), pamRecord('USER_AUTH', sender, login)));
      // sshd reports users that do not exist as "(unknown)".
      const reported =
        guessed === 'root' || this.#random.chance(0.3) ? guessed : '(unknown)';
      drafts.push(
        this.#user(
          clock(),
          userLoginRecord(sender, { ...login, acct: reported }),
        ),
      );
    }
    return drafts;
  }

  #kubectlExec(clock: () => number): Draft[] {
    const tty = `pts${this.#random.int(0, 2)}`;
    const runcInit = this.#nextPid();
    const shell = { ...this.#containerProcess(tty), ppid: runcInit };
    const drafts = [
      this.#execve(clock(), shell, this.#random.pick(EXEC_SHELLS), '/'),
    ];
    for (let i = this.#random.int(1, 3); i > 0; i--) {
      const child = { ...shell, pid: this.#nextPid(), ppid: shell.pid };
      drafts.push(this.#execve(clock(), child, this.#containerCommand(), '/'));
    }
    return drafts;
  }

  /** Mostly a catalog command; now and then one with an argument long enough to be split. */
  #containerCommand(): Command {
    if (!this.#random.chance(0.04)) {
      return this.#random.pick(CONTAINER_COMMANDS);
    }
    const blob = Buffer.from(this.#random.hex(5_000)).toString('base64');
    return {
      exe: '/bin/sh',
      argv: [
        'sh',
        '-c',
        `echo ${blob} | base64 -d > /tmp/payload && sh /tmp/payload`,
      ],
    };
  }

  #execve(
    timeMs: number,
    process: ProcessIdentity,
    command: Command,
    cwd: string,
  ): Draft {
    const pointer = () =>
      `${this.#random.pick(['55', '56', '7f'])}${this.#random.hex(10)}`;
    return {
      timeMs,
      records: execveRecords({
        arch: this.#node.arch,
        process,
        exe: command.exe,
        argv: command.argv,
        cwd,
        inodes: [
          this.#random.int(1_000, 900_000),
          this.#random.int(1_000, 900_000),
        ],
        pointers: [pointer(), pointer(), pointer()],
      }),
    };
  }

  #user(timeMs: number, record: AuditRecord): Draft {
    return { timeMs, records: [record] };
  }

  #daemon(): ProcessIdentity {
    return {
      pid: this.#nextPid(),
      ppid: this.#kubeletPid,
      uid: 0,
      gid: 0,
      auid: UNSET_ID,
      ses: UNSET_ID,
      tty: '(none)',
    };
  }

  #containerProcess(tty: string): ProcessIdentity {
    return {
      pid: this.#nextPid(),
      ppid: this.#shimPid,
      uid: this.#random.chance(0.7) ? 0 : 1000,
      gid: 0,
      auid: UNSET_ID,
      ses: UNSET_ID,
      tty,
    };
  }

  /**
   * journald stores an event's records 40–640 µs after the audit time, 3 µs
   * apart; now and then one record much later, so records of one event
   * interleave with other events when sorted by timestamp.
   */
  #journalDelaysUs(records: number): number[] {
    const base = this.#random.int(40, 640);
    return Array.from({ length: records }, (_, index) => {
      const late = this.#random.chance(0.1) ? this.#random.int(500, 4_000) : 0;
      return base + index * 3 + late;
    });
  }

  #nextSerial(): number {
    this.#serial += this.#random.int(1, 4);
    return this.#serial;
  }

  #nextPid(): number {
    this.#pid += this.#random.int(1, 9);
    return this.#pid;
  }

  #nextSession(): number {
    this.#session += 1;
    return this.#session;
  }
}

/** Successive times for the steps of a scenario: a few ms apart, never past `last`. */
function stepClock(
  start: number,
  last: number,
  random: SeededRandom,
): () => number {
  let time = start;
  return () => {
    const now = Math.min(time, last);
    time += random.int(1, 40);
    return now;
  };
}
