import * as k8s from '@kubernetes/client-node';
import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SimulatorDescription } from './describe';

function startCli(args: string[]): ChildProcess {
  return spawn(
    process.execPath,
    [
      '--require',
      require.resolve('@backstage/cli-node/config/nodeTransform.cjs'),
      join(__dirname, 'cli.ts'),
      ...args,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
}

async function waitForFile(file: string, cli: ChildProcess): Promise<string> {
  for (let attempt = 0; attempt < 300; attempt++) {
    if (existsSync(file)) {
      return readFileSync(file, 'utf8');
    }
    if (cli.exitCode !== null) {
      throw new Error(`yarn sim exited with ${cli.exitCode}`);
    }
    await new Promise(r => setTimeout(r, 100));
  }
  throw new Error(`${file} never appeared`);
}

describe('yarn sim', () => {
  it('starts, writes its description, serves the described cluster and stops on SIGTERM', async () => {
    const describeTo = join(
      mkdtempSync(join(tmpdir(), 'gke-sim-cli-')),
      'sim.json',
    );
    const cli = startCli([
      '--kube-port',
      '0',
      '--logging-port',
      '0',
      '--admin-port',
      'off',
      '--rollout',
      'fast',
      '--audit-interval-ms',
      '0',
      '--describe-to',
      describeTo,
    ]);
    try {
      const description: SimulatorDescription = JSON.parse(
        await waitForFile(describeTo, cli),
      );
      const prod = description.clusters.find(c => c.name === 'demo-gke-prod')!;
      const kubeConfig = new k8s.KubeConfig();
      kubeConfig.loadFromOptions({
        clusters: [
          { name: 'prod', server: prod.apiServer, skipTLSVerify: true },
        ],
        users: [{ name: 'reader', token: prod.readOnlyToken }],
        contexts: [{ name: 'prod', cluster: 'prod', user: 'reader' }],
        currentContext: 'prod',
      });

      const nodes = await kubeConfig.makeApiClient(k8s.CoreV1Api).listNode();

      expect(prod.adminToken).toBe('gke-sim-admin-demo-gke-prod');
      expect(nodes.items).toHaveLength(7);
    } finally {
      cli.kill('SIGTERM');
    }
    const [code] = await new Promise<[number | null]>(resolve =>
      cli.exitCode !== null
        ? resolve([cli.exitCode])
        : cli.once('exit', c => resolve([c])),
    );
    expect(code).toBe(0);
  });

  it('refuses a bad flag with a message and exit code 2', async () => {
    const cli = startCli(['--nodes', 'lots']);
    let stderr = '';
    cli.stderr!.on('data', chunk => (stderr += chunk));

    const code = await new Promise(resolve => cli.once('exit', resolve));

    expect(code).toBe(2);
    expect(stderr).toContain('--nodes must be a whole number, not "lots"');
  });
});
