import { AuditRecord } from './AuditRecord';
import { auditString, hexOf, proctitleValue } from './auditEncoding';

/** Who runs a process, as the kernel stamps it on SYSCALL records. */
export type ProcessIdentity = {
  pid: number;
  ppid: number;
  uid: number;
  gid: number;
  /** Login uid; 4294967295 when unset (daemons, containers). */
  auid: number;
  /** Session id; 4294967295 when unset. */
  ses: number;
  /** `pts0`… or `(none)`. */
  tty: string;
};

/** One execve(2) call. */
export type Execve = {
  arch: 'amd64' | 'arm64';
  process: ProcessIdentity;
  /** The executable's resolved path. */
  exe: string;
  argv: string[];
  cwd: string;
  /** Inode numbers for the PATH records, from the caller's random source. */
  inodes: [number, number];
  /** The three pointer arguments of the call (hex), from the caller's random source. */
  pointers: [string, string, string];
};

const ARCHES = {
  amd64: {
    arch: 'c000003e',
    execve: 59,
    loader: '/lib64/ld-linux-x86-64.so.2',
  },
  arm64: {
    arch: 'c00000b7',
    execve: 221,
    loader: '/lib/ld-linux-aarch64.so.1',
  },
} as const;

/** The kernel starts a new EXECVE record when the arguments pass this length. */
const MAX_EXECVE_AUDIT_LEN = 7500;
/** The kernel's "unset" login uid and session id. */
export const UNSET_ID = 4294967295;

/** The records of an execve event, in the order the kernel emits them: SYSCALL, EXECVE…, CWD, PATH×2, PROCTITLE. */
export function execveRecords(call: Execve): AuditRecord[] {
  const { arch, execve, loader } = ARCHES[call.arch];
  const p = call.process;
  const comm = call.exe.slice(call.exe.lastIndexOf('/') + 1).slice(0, 15);
  const syscall = [
    `arch=${arch} syscall=${execve} success=yes exit=0`,
    `a0=${call.pointers[0]} a1=${call.pointers[1]} a2=${call.pointers[2]} a3=0 items=2`,
    `ppid=${p.ppid} pid=${p.pid} auid=${p.auid} uid=${p.uid} gid=${p.gid}`,
    `euid=${p.uid} suid=${p.uid} fsuid=${p.uid} egid=${p.gid} sgid=${p.gid} fsgid=${p.gid}`,
    `tty=${p.tty} ses=${p.ses} comm=${auditString(comm)} exe=${auditString(
      call.exe,
    )} key=(null)`,
  ].join(' ');
  return [
    { type: 'SYSCALL', body: syscall },
    ...argumentRecords(call.argv),
    { type: 'CWD', body: `cwd=${auditString(call.cwd)}` },
    {
      type: 'PATH',
      body: pathBody(
        0,
        call.argv[0].startsWith('/') ? call.argv[0] : call.exe,
        call.inodes[0],
      ),
    },
    { type: 'PATH', body: pathBody(1, loader, call.inodes[1]) },
    { type: 'PROCTITLE', body: `proctitle=${proctitleValue(call.argv)}` },
  ];
}

function pathBody(item: number, name: string, inode: number): string {
  return [
    `item=${item} name=${auditString(
      name,
    )} inode=${inode} dev=08:01 mode=0100755`,
    'ouid=0 ogid=0 rdev=00:00 nametype=NORMAL cap_fp=0 cap_fi=0 cap_fe=0 cap_fver=0 cap_frootid=0',
  ].join(' ');
}

/**
 * EXECVE records as `audit_log_execve_info` writes them: `argc` first, each
 * argument quoted or hex; an argument too long for the record is hex in
 * chunks `aN_len=… aN[0]=… aN[1]=…`, continued in further EXECVE records.
 */
function argumentRecords(argv: string[]): AuditRecord[] {
  const bodies: string[] = [];
  let body = `argc=${argv.length}`;
  const append = (text: string) => {
    if (body.length + 1 + text.length > MAX_EXECVE_AUDIT_LEN) {
      bodies.push(body);
      body = text;
    } else {
      body += ` ${text}`;
    }
  };
  argv.forEach((argument, index) => {
    const encoded = auditString(argument);
    if (encoded.length + 16 <= MAX_EXECVE_AUDIT_LEN / 2) {
      append(`a${index}=${encoded}`);
      return;
    }
    const hex = hexOf(argument);
    let offset = 0;
    let chunk = 0;
    while (offset < hex.length) {
      const room = MAX_EXECVE_AUDIT_LEN - body.length - 32;
      if (room < 64) {
        bodies.push(body);
        body = '';
        continue;
      }
      const size = Math.min(hex.length - offset, Math.floor(room / 2) * 2);
      const length = chunk === 0 ? `a${index}_len=${hex.length} ` : '';
      const text = `${length}a${index}[${chunk}]=${hex.slice(
        offset,
        offset + size,
      )}`;
      body = body === '' ? text : `${body} ${text}`;
      offset += size;
      chunk += 1;
    }
  });
  bodies.push(body);
  return bodies.map(text => ({ type: 'EXECVE' as const, body: text }));
}
