/**
 * System call numbers on the two architectures GKE nodes run (x86_64 and
 * arm64/aarch64). SYSCALL records carry the number, not the name, so an
 * exclusion by name becomes one pattern per architecture. A syscall absent
 * on an architecture (aarch64 has no `open`, only `openat`) is `undefined`.
 *
 * @public
 */
export const SYSCALLS: Record<
  string,
  { x86_64: number | undefined; aarch64: number | undefined }
> = {
  accept: { x86_64: 43, aarch64: 202 },
  accept4: { x86_64: 288, aarch64: 242 },
  bind: { x86_64: 49, aarch64: 200 },
  bpf: { x86_64: 321, aarch64: 280 },
  chmod: { x86_64: 90, aarch64: undefined },
  chown: { x86_64: 92, aarch64: undefined },
  clone: { x86_64: 56, aarch64: 220 },
  clone3: { x86_64: 435, aarch64: 435 },
  connect: { x86_64: 42, aarch64: 203 },
  delete_module: { x86_64: 176, aarch64: 106 },
  execve: { x86_64: 59, aarch64: 221 },
  execveat: { x86_64: 322, aarch64: 281 },
  fchmod: { x86_64: 91, aarch64: 52 },
  fchmodat: { x86_64: 268, aarch64: 53 },
  fchown: { x86_64: 93, aarch64: 55 },
  fchownat: { x86_64: 260, aarch64: 54 },
  finit_module: { x86_64: 313, aarch64: 273 },
  getsockopt: { x86_64: 55, aarch64: 209 },
  init_module: { x86_64: 175, aarch64: 105 },
  kill: { x86_64: 62, aarch64: 129 },
  listen: { x86_64: 50, aarch64: 201 },
  mkdir: { x86_64: 83, aarch64: undefined },
  mkdirat: { x86_64: 258, aarch64: 34 },
  mmap: { x86_64: 9, aarch64: 222 },
  mount: { x86_64: 165, aarch64: 40 },
  mprotect: { x86_64: 10, aarch64: 226 },
  open: { x86_64: 2, aarch64: undefined },
  openat: { x86_64: 257, aarch64: 56 },
  personality: { x86_64: 135, aarch64: 92 },
  ptrace: { x86_64: 101, aarch64: 117 },
  recvfrom: { x86_64: 45, aarch64: 207 },
  recvmsg: { x86_64: 47, aarch64: 212 },
  rename: { x86_64: 82, aarch64: undefined },
  renameat: { x86_64: 264, aarch64: 38 },
  renameat2: { x86_64: 316, aarch64: 276 },
  rmdir: { x86_64: 84, aarch64: undefined },
  sendmsg: { x86_64: 46, aarch64: 211 },
  sendto: { x86_64: 44, aarch64: 206 },
  setgid: { x86_64: 106, aarch64: 144 },
  setns: { x86_64: 308, aarch64: 268 },
  setsockopt: { x86_64: 54, aarch64: 208 },
  setuid: { x86_64: 105, aarch64: 146 },
  socket: { x86_64: 41, aarch64: 198 },
  tkill: { x86_64: 200, aarch64: 130 },
  umount2: { x86_64: 166, aarch64: 39 },
  unlink: { x86_64: 87, aarch64: undefined },
  unlinkat: { x86_64: 263, aarch64: 35 },
  unshare: { x86_64: 272, aarch64: 97 },
};

/**
 * The `arch=` value of a SYSCALL record for each architecture
 * (AUDIT_ARCH_X86_64 and AUDIT_ARCH_AARCH64).
 *
 * @public
 */
export const AUDIT_ARCH = {
  x86_64: 'c000003e',
  aarch64: 'c00000b7',
} as const;
