import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parse as parseYaml } from 'yaml';
import { DEFAULT_PORTS, DEMO_CLUSTERS, demoTokens } from './demoClusters';
import { SimulatedClusterOptions, SimulatorOptions } from './options';
import {
  ClusterFaults,
  ClusterSpec,
  DEMO_ROLLOUT,
  FAST_ROLLOUT,
  NodePoolSpec,
  PoolFault,
} from './types';

/** The command line's options, with what `yarn sim --help` prints for each. */
export const FLAGS = {
  host: { type: 'string', default: '127.0.0.1', help: 'address to listen on' },
  clusters: {
    type: 'string',
    help: 'YAML or JSON file with `clusters: [...]` (default: the three demo clusters)',
  },
  nodes: { type: 'string', help: 'set the node count of every node pool' },
  pools: {
    type: 'string',
    help: 'replace the pools of every Standard cluster, e.g. "default-pool=cos:3,arm-pool=cos/arm64:2,ubuntu-pool=ubuntu:2"',
  },
  'kube-port': {
    type: 'string',
    default: String(DEFAULT_PORTS.kubeApi),
    help: "first cluster's Kubernetes API port; the next clusters take the ports after it",
  },
  'logging-port': {
    type: 'string',
    default: String(DEFAULT_PORTS.logging),
    help: 'Cloud Logging gRPC port',
  },
  'admin-port': {
    type: 'string',
    default: String(DEFAULT_PORTS.admin),
    help: 'admin endpoint port (faults, clock, audit); "off" for none',
  },
  tls: {
    type: 'boolean',
    default: false,
    help: 'serve the Kubernetes APIs over HTTPS with a generated CA',
  },
  seed: { type: 'string', default: '1', help: 'audit traffic seed' },
  rollout: {
    type: 'string',
    default: 'demo',
    help: '"demo" (seconds per pod step) or "fast" (milliseconds)',
  },
  'audit-interval-ms': {
    type: 'string',
    default: '2000',
    help: 'how often audit traffic is generated; 0 for only on demand',
  },
  'log-entries': {
    type: 'string',
    help: 'JSONL file of LogEntry objects to preload',
  },
  'describe-to': {
    type: 'string',
    help: 'once listening, write the addresses and tokens as JSON to this file',
  },
  fault: {
    type: 'string',
    multiple: true,
    help: 'start a cluster with a fault (repeatable): CLUSTER:POOL=ImagePullBackOff|CrashLoopBackOff|InitError, CLUSTER:apiLatencyMs=MS, CLUSTER:errorRate500=0..1, CLUSTER:errorRate429=0..1, CLUSTER:refuseConnections, CLUSTER:hang',
  },
  help: { type: 'boolean', default: false, help: 'print this help' },
} as const;

/** What the command line asks for: the simulator's options and the CLI's own. */
export type ParsedCommandLine = {
  options: SimulatorOptions;
  describeTo?: string;
  help: boolean;
};

/**
 * Turns `yarn sim` arguments into simulator options. Throws an Error with a
 * message for the user on anything it cannot use.
 */
export function parseCommandLine(args: string[]): ParsedCommandLine {
  const { values } = parseArgs({
    args,
    options: Object.fromEntries(
      Object.entries(FLAGS).map(([name, { type, ...rest }]) => [
        name,
        {
          type,
          ...('default' in rest ? { default: rest.default } : {}),
          ...('multiple' in rest ? { multiple: rest.multiple } : {}),
        },
      ]),
    ) as { [K in keyof typeof FLAGS]: { type: (typeof FLAGS)[K]['type'] } },
    strict: true,
    allowPositionals: false,
  });

  const kubePort = port(values['kube-port'] as string, '--kube-port');
  let specs: ClusterSpec[] = values.clusters
    ? readClustersFile(values.clusters as string)
    : DEMO_CLUSTERS;
  if (values.pools) {
    const pools = parsePools(values.pools as string);
    specs = specs.map(c => (c.autopilot ? c : { ...c, pools }));
  }
  if (values.nodes !== undefined) {
    const nodes = count(values.nodes as string, '--nodes');
    specs = specs.map(c => ({
      ...c,
      pools: c.pools.map(p => ({ ...p, nodes })),
    }));
  }
  const faults = parseFaults(
    (values.fault as string[] | undefined) ?? [],
    specs,
  );
  const clusters: SimulatedClusterOptions[] = specs.map((spec, index) => ({
    ...demoTokens(spec.name),
    ...spec,
    port: kubePort === 0 ? 0 : kubePort + index,
    ...(faults[spec.name] ? { faults: faults[spec.name] } : {}),
  }));

  const rollout = values.rollout as string;
  if (rollout !== 'demo' && rollout !== 'fast') {
    throw new Error(`--rollout must be "demo" or "fast", not "${rollout}"`);
  }
  const auditIntervalMs = count(
    values['audit-interval-ms'] as string,
    '--audit-interval-ms',
  );
  const adminPort = values['admin-port'] as string;

  return {
    options: {
      host: values.host as string,
      clusters,
      tls: values.tls as boolean,
      loggingPort: port(values['logging-port'] as string, '--logging-port'),
      adminPort: adminPort === 'off' ? false : port(adminPort, '--admin-port'),
      seed: count(values.seed as string, '--seed'),
      timing: rollout === 'fast' ? FAST_ROLLOUT : DEMO_ROLLOUT,
      auditIntervalMs: auditIntervalMs === 0 ? false : auditIntervalMs,
      logEntriesFile: values['log-entries'] as string | undefined,
    },
    describeTo: values['describe-to'] as string | undefined,
    help: values.help as boolean,
  };
}

/** The help text of `yarn sim --help`. */
export function commandLineHelp(): string {
  const lines = Object.entries(FLAGS).map(([name, flag]) => {
    const value = flag.type === 'string' ? ' VALUE' : '';
    const fallback = 'default' in flag ? ` (default: ${flag.default})` : '';
    return `  --${name}${value}\n      ${flag.help}${fallback}`;
  });
  return `Usage: yarn sim [options]\n\nA simulated GKE: Kubernetes APIs, Cloud Logging and audit traffic.\n\n${lines.join(
    '\n',
  )}\n`;
}

/** Parses "name=os[/arch]:count,…" into node pools. */
export function parsePools(text: string): NodePoolSpec[] {
  return text.split(',').map(part => {
    const match =
      /^([a-z0-9-]+)=(cos|ubuntu|windows)(?:\/(amd64|arm64))?:(\d+)$/.exec(
        part.trim(),
      );
    if (!match) {
      throw new Error(
        `--pools: "${part}" is not NAME=OS[/ARCH]:COUNT (OS cos|ubuntu|windows, ARCH amd64|arm64)`,
      );
    }
    const [, name, os, arch, nodes] = match;
    return {
      name,
      os: os as NodePoolSpec['os'],
      arch: (arch ?? 'amd64') as NodePoolSpec['arch'],
      nodes: Number(nodes),
    };
  });
}

const POOL_FAULTS: PoolFault[] = [
  'ImagePullBackOff',
  'CrashLoopBackOff',
  'InitError',
];

/** Parses `--fault` values into fault settings by cluster name. */
export function parseFaults(
  values: string[],
  clusters: ClusterSpec[],
): Record<string, Partial<ClusterFaults>> {
  const byCluster: Record<string, Partial<ClusterFaults>> = {};
  for (const value of values) {
    const match = /^([^:]+):([A-Za-z0-9-]+)(?:=(.+))?$/.exec(value);
    const cluster = match && clusters.find(c => c.name === match[1]);
    if (!match || !cluster) {
      throw new Error(
        `--fault: "${value}" must be CLUSTER:SETTING[=VALUE] with one of the clusters ${clusters
          .map(c => c.name)
          .join(', ')}`,
      );
    }
    const [, , setting, setTo] = match;
    const faults = (byCluster[cluster.name] ??= {});
    if (setting === 'refuseConnections' || setting === 'hang') {
      faults[setting] = true;
    } else if (setting === 'apiLatencyMs') {
      faults.apiLatencyMs = count(setTo ?? '', '--fault apiLatencyMs');
    } else if (setting === 'errorRate500' || setting === 'errorRate429') {
      const rate = Number(setTo);
      if (!(rate >= 0 && rate <= 1)) {
        throw new Error(`--fault ${setting} must be a number from 0 to 1`);
      }
      faults[setting] = rate;
    } else if (cluster.pools.some(p => p.name === setting)) {
      if (!POOL_FAULTS.includes(setTo as PoolFault)) {
        throw new Error(
          `--fault ${cluster.name}:${setting} must be one of ${POOL_FAULTS.join(
            ', ',
          )}`,
        );
      }
      faults.pools = { ...faults.pools, [setting]: setTo as PoolFault };
    } else {
      throw new Error(
        `--fault: "${setting}" is neither a pool of ${cluster.name} nor apiLatencyMs, errorRate500, errorRate429, refuseConnections or hang`,
      );
    }
  }
  return byCluster;
}

function readClustersFile(file: string): ClusterSpec[] {
  const document = parseYaml(readFileSync(file, 'utf8'));
  const clusters = document?.clusters;
  if (!Array.isArray(clusters) || clusters.length === 0) {
    throw new Error(`--clusters: ${file} has no "clusters" list`);
  }
  for (const cluster of clusters) {
    if (!cluster?.name || !cluster.project || !cluster.location) {
      throw new Error(
        `--clusters: every cluster in ${file} needs name, project and location`,
      );
    }
    if (!Array.isArray(cluster.pools) || cluster.pools.length === 0) {
      throw new Error(`--clusters: cluster ${cluster.name} has no pools`);
    }
  }
  return clusters;
}

function count(text: string, flag: string): number {
  if (!/^\d+$/.test(text)) {
    throw new Error(`${flag} must be a whole number, not "${text}"`);
  }
  return Number(text);
}

function port(text: string, flag: string): number {
  const value = count(text, flag);
  if (value > 65535) {
    throw new Error(`${flag} must be a port number (0-65535), not ${value}`);
  }
  return value;
}
