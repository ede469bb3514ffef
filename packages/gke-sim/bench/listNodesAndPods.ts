/**
 * yarn bench:sim — how fast clients can LIST a 5,000-node simulated cluster.
 *
 * Starts the simulator in its own process with one cluster of NODES nodes,
 * rolls a DaemonSet out to every node (so there are as many pods), then times
 * LISTing all nodes and all pods with @kubernetes/client-node (pages of 500)
 * against `kubectl get nodes,pods -A -o json` (which also pages by 500), and
 * reads the simulator's peak RSS.
 */
import * as k8s from '@kubernetes/client-node';
import { ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { SimulatorDescription } from '../src/describe';

const NODES = Number(process.env.BENCH_NODES ?? 5000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const PAGE_SIZE = 500;
const run = promisify(execFile);

async function main() {
  const workDir = mkdtempSync(join(tmpdir(), 'gke-sim-bench-'));
  const clustersFile = join(workDir, 'clusters.json');
  const describeFile = join(workDir, 'sim.json');
  writeFileSync(
    clustersFile,
    JSON.stringify({
      clusters: [
        {
          name: 'bench',
          project: 'bench-project',
          location: 'europe-west1-b',
          pools: [{ name: 'default-pool', nodes: NODES, os: 'cos' }],
        },
      ],
    }),
  );

  const simulator = startSimulatorProcess(clustersFile, describeFile);
  try {
    const description = await waitForDescription(describeFile, simulator);
    const cluster = description.clusters[0];
    const kubeConfig = kubeConfigFor(
      cluster.apiServer,
      cluster.adminToken,
      cluster.ca!,
    );
    const kubeconfigFile = join(workDir, 'kubeconfig.yaml');
    writeFileSync(kubeconfigFile, kubeConfig.exportConfig());

    const rolloutMs = await rollOutDaemonSet(kubeConfig);
    const core = kubeConfig.makeApiClient(k8s.CoreV1Api);

    const clientTimes: number[] = [];
    const kubectlTimes: number[] = [];
    let counts = { nodes: 0, pods: 0 };
    for (let round = 0; round < ROUNDS; round++) {
      const started = performance.now();
      counts = {
        nodes: await listAll(c =>
          core.listNode({ limit: PAGE_SIZE, _continue: c }),
        ),
        pods: await listAll(c =>
          core.listPodForAllNamespaces({ limit: PAGE_SIZE, _continue: c }),
        ),
      };
      clientTimes.push(performance.now() - started);

      const kubectlStarted = performance.now();
      const { stdout } = await run(
        'kubectl',
        [
          '--kubeconfig',
          kubeconfigFile,
          'get',
          'nodes,pods',
          '-A',
          '-o',
          'json',
          `--chunk-size=${PAGE_SIZE}`,
        ],
        { maxBuffer: 1024 * 1024 * 1024 },
      );
      kubectlTimes.push(performance.now() - kubectlStarted);
      const items = JSON.parse(stdout).items.length;
      if (items !== counts.nodes + counts.pods) {
        throw new Error(
          `kubectl saw ${items} objects, the client ${
            counts.nodes + counts.pods
          }`,
        );
      }
    }

    const client = median(clientTimes);
    const kubectl = median(kubectlTimes);
    const peakRssMiB = peakRss(simulator.pid!) / 1024;
    console.log(
      `gke-sim benchmark: one cluster of ${NODES} nodes, ${counts.pods} pods, median of ${ROUNDS} rounds`,
    );
    console.log(
      `  DaemonSet rollout to every node        ${(rolloutMs / 1000).toFixed(
        1,
      )} s`,
    );
    console.log(
      `  LIST nodes+pods, @kubernetes/client-node ${client.toFixed(0)} ms`,
    );
    console.log(
      `  LIST nodes+pods, kubectl -o json        ${kubectl.toFixed(0)} ms`,
    );
    console.log(
      `  ratio kubectl / client                  ${(kubectl / client).toFixed(
        2,
      )}`,
    );
    console.log(
      `  simulator peak RSS                      ${peakRssMiB.toFixed(0)} MiB`,
    );
  } finally {
    simulator.kill('SIGTERM');
  }
}

function startSimulatorProcess(
  clustersFile: string,
  describeFile: string,
): ChildProcess {
  const packageDir = resolve(__dirname, '..');
  return spawn(
    process.execPath,
    [
      '--require',
      require.resolve('@backstage/cli-node/config/nodeTransform.cjs'),
      join(packageDir, 'src/cli.ts'),
      '--clusters',
      clustersFile,
      // kubectl sends bearer tokens only over HTTPS.
      '--tls',
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
      describeFile,
    ],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
}

async function waitForDescription(
  file: string,
  simulator: ChildProcess,
): Promise<SimulatorDescription> {
  for (let attempt = 0; attempt < 600; attempt++) {
    if (simulator.exitCode !== null) {
      throw new Error(`the simulator exited with code ${simulator.exitCode}`);
    }
    if (existsSync(file)) {
      return JSON.parse(readFileSync(file, 'utf8'));
    }
    await new Promise(r => setTimeout(r, 100));
  }
  throw new Error('the simulator did not start within 60 s');
}

function kubeConfigFor(
  server: string,
  token: string,
  ca: string,
): k8s.KubeConfig {
  const kubeConfig = new k8s.KubeConfig();
  kubeConfig.loadFromOptions({
    clusters: [
      { name: 'bench', server, caData: Buffer.from(ca).toString('base64') },
    ],
    users: [{ name: 'bench', token }],
    contexts: [{ name: 'bench', cluster: 'bench', user: 'bench' }],
    currentContext: 'bench',
  });
  return kubeConfig;
}

/** Applies a DaemonSet that runs on every node and waits until every pod is Ready. */
async function rollOutDaemonSet(kubeConfig: k8s.KubeConfig): Promise<number> {
  const objects = k8s.KubernetesObjectApi.makeApiClient(kubeConfig);
  const apps = kubeConfig.makeApiClient(k8s.AppsV1Api);
  const labels = { app: 'bench-agent' };
  const started = performance.now();
  await objects.patch(
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'bench' } },
    undefined,
    undefined,
    'gke-sim-bench',
    true,
    k8s.PatchStrategy.ServerSideApply,
  );
  await objects.patch(
    {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'bench-agent', namespace: 'bench' },
      spec: {
        selector: { matchLabels: labels },
        template: {
          metadata: { labels },
          spec: {
            containers: [
              { name: 'agent', image: 'registry.k8s.io/pause:3.10' },
            ],
          },
        },
      },
    } as k8s.KubernetesObject,
    undefined,
    undefined,
    'gke-sim-bench',
    true,
    k8s.PatchStrategy.ServerSideApply,
  );
  for (;;) {
    const ds = await apps.readNamespacedDaemonSet({
      name: 'bench-agent',
      namespace: 'bench',
    });
    if (
      ds.status &&
      ds.status.desiredNumberScheduled === NODES &&
      ds.status.numberReady === NODES
    ) {
      return performance.now() - started;
    }
    await new Promise(r => setTimeout(r, 250));
  }
}

async function listAll(
  page: (
    continueToken?: string,
  ) => Promise<{ items: unknown[]; metadata?: { _continue?: string } }>,
): Promise<number> {
  let count = 0;
  let token: string | undefined;
  do {
    const list = await page(token);
    count += list.items.length;
    token = list.metadata?._continue || undefined;
  } while (token);
  return count;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Peak resident set size of a process, in KiB (Linux: VmHWM). */
function peakRss(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /VmHWM:\s+(\d+) kB/.exec(status);
  return match ? Number(match[1]) : NaN;
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
