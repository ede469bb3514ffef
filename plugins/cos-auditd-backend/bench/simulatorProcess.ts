/**
 * The simulated GKE in its own process, as the gke-sim benchmark starts it:
 * over HTTPS (kubectl sends bearer tokens only over TLS) with fast rollouts,
 * so the backend and kubectl both talk to it like to a remote API server and
 * the backend's memory is not mixed with the simulator's.
 */
import * as k8s from '@kubernetes/client-node';
import type { SimulatorDescription } from '@cos-auditd/gke-sim';
import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export type SimulatedCluster = SimulatorDescription['clusters'][number];

export type SimulatorProcess = {
  cluster: SimulatedCluster;
  /** A kubeconfig file for the cluster (admin token, the simulator's CA). */
  kubeconfigFile: string;
  kubeConfig: k8s.KubeConfig;
  pid: number;
  stop(): Promise<void>;
};

/** Starts one cluster of `nodes` COS nodes in a single pool and waits until it listens. */
export async function startSimulatorProcess(options: {
  workDir: string;
  clusterName: string;
  nodes: number;
}): Promise<SimulatorProcess> {
  const { workDir, clusterName, nodes } = options;
  const clustersFile = join(workDir, 'clusters.json');
  const describeFile = join(workDir, 'sim.json');
  writeFileSync(
    clustersFile,
    JSON.stringify({
      clusters: [
        {
          name: clusterName,
          project: 'bench-project',
          location: 'europe-west1-b',
          pools: [
            {
              name: 'default-pool',
              nodes,
              os: 'cos',
              machineType: 'e2-standard-4',
            },
          ],
        },
      ],
    }),
  );

  const simDir = dirname(require.resolve('@cos-auditd/gke-sim/package.json'));
  const child = spawn(
    process.execPath,
    [
      '--require',
      require.resolve('@backstage/cli-node/config/nodeTransform.cjs'),
      join(simDir, 'src/cli.ts'),
      '--clusters',
      clustersFile,
      '--tls',
      '--kube-port',
      '0',
      '--logging-port',
      '0',
      '--admin-port',
      'off',
      // Pod steps of a few milliseconds: 5,000 agent pods are Ready in about a second.
      '--rollout',
      'fast',
      '--audit-interval-ms',
      '0',
      '--describe-to',
      describeFile,
    ],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  // Whatever ends this process (an error, Ctrl-C, the test backend's own
  // signal and beforeExit handlers, which call process.exit), the simulator
  // goes with it.
  const killOnExit = () => {
    child.kill('SIGKILL');
  };
  process.on('exit', killOnExit);
  const stop = async () => {
    try {
      await stopChild(child);
    } finally {
      process.removeListener('exit', killOnExit);
    }
  };

  try {
    const description = await waitForDescription(describeFile, child);
    const cluster = description.clusters[0];
    if (!cluster?.ca) {
      throw new Error('The simulator did not describe an HTTPS cluster');
    }
    const kubeConfig = new k8s.KubeConfig();
    kubeConfig.loadFromOptions({
      clusters: [
        {
          name: clusterName,
          server: cluster.apiServer,
          caData: Buffer.from(cluster.ca).toString('base64'),
        },
      ],
      users: [{ name: 'bench-admin', token: cluster.adminToken }],
      contexts: [{ name: 'bench', cluster: clusterName, user: 'bench-admin' }],
      currentContext: 'bench',
    });
    const kubeconfigFile = join(workDir, 'kubeconfig.yaml');
    writeFileSync(kubeconfigFile, kubeConfig.exportConfig(), { mode: 0o600 });
    return { cluster, kubeconfigFile, kubeConfig, pid: child.pid!, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function waitForDescription(
  file: string,
  child: ChildProcess,
): Promise<SimulatorDescription> {
  for (let attempt = 0; attempt < 1200; attempt++) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(
        `The simulator exited (${child.exitCode ?? child.signalCode})`,
      );
    }
    if (existsSync(file)) {
      const text = readFileSync(file, 'utf8');
      if (text.trim()) {
        return JSON.parse(text);
      }
    }
    await new Promise(resolve => setTimeout(resolve, 100));
  }
  throw new Error('The simulator did not start within 120 s');
}

/** SIGTERM, then SIGKILL after 5 s; resolves once the process is gone. */
async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return;
  }
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  try {
    await exited;
  } finally {
    clearTimeout(timer);
  }
}

/** Peak resident set size of another process, in bytes (Linux VmHWM). */
export function peakRssOf(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = /VmHWM:\s+(\d+) kB/.exec(status);
    return match ? Number(match[1]) * 1024 : NaN;
  } catch {
    return NaN;
  }
}
