import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { commandLineHelp, parseCommandLine, parsePools } from './flags';
import { DEMO_ROLLOUT, FAST_ROLLOUT } from './types';

describe('parseCommandLine', () => {
  it('defaults to the demo clusters on the ports app-config.yaml uses', () => {
    const { options } = parseCommandLine([]);

    expect(
      options.clusters.map(c => [
        c.name,
        c.port,
        c.adminToken,
        c.readOnlyToken,
      ]),
    ).toEqual([
      [
        'demo-gke-prod',
        16443,
        'gke-sim-admin-demo-gke-prod',
        'gke-sim-read-only-demo-gke-prod',
      ],
      [
        'demo-gke-dev',
        16444,
        'gke-sim-admin-demo-gke-dev',
        'gke-sim-read-only-demo-gke-dev',
      ],
      [
        'demo-autopilot',
        16445,
        'gke-sim-admin-demo-autopilot',
        'gke-sim-read-only-demo-autopilot',
      ],
    ]);
    expect(options).toMatchObject({
      host: '127.0.0.1',
      loggingPort: 18085,
      adminPort: 18080,
      tls: false,
      seed: 1,
      timing: DEMO_ROLLOUT,
      auditIntervalMs: 2000,
    });
  });

  it('gives every pool of every cluster the --nodes count', () => {
    const { options } = parseCommandLine(['--nodes', '5000']);

    const counts = options.clusters.flatMap(c => c.pools.map(p => p.nodes));
    expect(new Set(counts)).toEqual(new Set([5000]));
  });

  it('replaces the pools of Standard clusters with --pools, leaving Autopilot alone', () => {
    const { options } = parseCommandLine([
      '--pools',
      'a=cos:3,b=cos/arm64:2,c=ubuntu:1',
    ]);

    const prod = options.clusters.find(c => c.name === 'demo-gke-prod')!;
    const autopilot = options.clusters.find(c => c.name === 'demo-autopilot')!;
    expect(
      prod.pools.map(p => `${p.name} ${p.os} ${p.arch} ${p.nodes}`),
    ).toEqual(['a cos amd64 3', 'b cos arm64 2', 'c ubuntu amd64 1']);
    expect(autopilot.pools.map(p => p.name)).toEqual(['default-pool']);
  });

  it('reads clusters from a YAML file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gke-sim-flags-'));
    const file = join(dir, 'clusters.yaml');
    writeFileSync(
      file,
      'clusters:\n  - name: one\n    project: p\n    location: us-east1-b\n    pools:\n      - { name: pool, nodes: 1, os: cos }\n',
    );

    const { options } = parseCommandLine([
      '--clusters',
      file,
      '--kube-port',
      '0',
    ]);

    expect(options.clusters).toEqual([
      expect.objectContaining({ name: 'one', project: 'p', port: 0 }),
    ]);
  });

  it('turns on TLS, fast rollouts and on-demand audit traffic', () => {
    const { options, describeTo } = parseCommandLine([
      '--tls',
      '--rollout',
      'fast',
      '--audit-interval-ms',
      '0',
      '--admin-port',
      'off',
      '--describe-to',
      '/tmp/sim.json',
    ]);

    expect(options).toMatchObject({
      tls: true,
      timing: FAST_ROLLOUT,
      auditIntervalMs: false,
      adminPort: false,
    });
    expect(describeTo).toBe('/tmp/sim.json');
  });

  it('starts clusters with the faults given by --fault', () => {
    const { options } = parseCommandLine([
      '--fault',
      'demo-gke-prod:arm-pool=CrashLoopBackOff',
      '--fault',
      'demo-gke-prod:apiLatencyMs=250',
      '--fault',
      'demo-gke-dev:refuseConnections',
    ]);

    const faults = Object.fromEntries(
      options.clusters.map(c => [c.name, c.faults]),
    );
    expect(faults).toEqual({
      'demo-gke-prod': {
        pools: { 'arm-pool': 'CrashLoopBackOff' },
        apiLatencyMs: 250,
      },
      'demo-gke-dev': { refuseConnections: true },
      'demo-autopilot': undefined,
    });
  });

  it.each([
    [
      ['--fault', 'nowhere:hang'],
      '--fault: "nowhere:hang" must be CLUSTER:SETTING[=VALUE]',
    ],
    [
      ['--fault', 'demo-gke-dev:default-pool=Melting'],
      'must be one of ImagePullBackOff, CrashLoopBackOff, InitError',
    ],
    [
      ['--fault', 'demo-gke-dev:errorRate500=2'],
      '--fault errorRate500 must be a number from 0 to 1',
    ],
    [
      ['--fault', 'demo-gke-dev:gpu-pool=InitError'],
      '"gpu-pool" is neither a pool of demo-gke-dev',
    ],
    [['--nodes', 'many'], '--nodes must be a whole number, not "many"'],
    [
      ['--kube-port', '70000'],
      '--kube-port must be a port number (0-65535), not 70000',
    ],
    [['--rollout', 'slow'], '--rollout must be "demo" or "fast", not "slow"'],
    [
      ['--pools', 'a=freebsd:1'],
      '--pools: "a=freebsd:1" is not NAME=OS[/ARCH]:COUNT',
    ],
    [['--clusters', '/no/such/file.yaml'], 'ENOENT'],
    [['--no-such-flag'], "Unknown option '--no-such-flag'"],
  ])('refuses %j with a clear message', (args, message) => {
    expect(() => parseCommandLine(args)).toThrow(message);
  });
});

describe('parsePools', () => {
  it('defaults the architecture to amd64', () => {
    expect(parsePools('default-pool=cos:2')).toEqual([
      { name: 'default-pool', os: 'cos', arch: 'amd64', nodes: 2 },
    ]);
  });
});

describe('commandLineHelp', () => {
  it('lists every flag with its default', () => {
    const help = commandLineHelp();

    expect(help).toContain('--kube-port VALUE');
    expect(help).toContain('(default: 16443)');
    expect(help).toContain('--describe-to VALUE');
  });
});
