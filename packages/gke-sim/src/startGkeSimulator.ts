import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createServer, Server } from 'node:http';
import express from 'express';
import { createAdminRouter, SimulatorControls } from './admin';
import { AuditGenerator } from './audit';
import { Clock } from './clock';
import { SimulatedCluster } from './cluster';
import {
  ClusterFaults,
  DEMO_CLUSTERS,
  FAST_ROLLOUT,
  SimulatedClusterOptions,
  SimulatorOptions,
} from './config';
import { SimulatorDescription } from './describe';
import { startKubeApiServer } from './kube';
import { LogStore, loadLogEntries, startLoggingServer } from './logging';

/** One simulated cluster of a running simulator: where it is, and the cluster itself. */
export type RunningCluster = SimulatorDescription['clusters'][number] & {
  /** The cluster itself, for tests that switch faults or resize pools. */
  cluster: SimulatedCluster;
};

/** A simulator started by `startGkeSimulator`. */
export type RunningSimulator = {
  clusters: RunningCluster[];
  /** The cluster of that name; throws for an unknown name. */
  cluster(name: string): RunningCluster;
  logging: { endpoint: string; port: number; store: LogStore };
  admin?: { url: string };
  clock: Clock;
  audit: AuditGenerator;
  describe(): SimulatorDescription;
  stop(): Promise<void>;
};

/**
 * The defaults of an in-process simulator, for tests: the demo clusters on
 * free ports with random tokens, fast rollouts, audit traffic on demand only.
 */
export const IN_PROCESS_DEFAULTS: SimulatorOptions = {
  host: '127.0.0.1',
  clusters: DEMO_CLUSTERS,
  tls: false,
  loggingPort: 0,
  adminPort: false,
  seed: 1,
  timing: FAST_ROLLOUT,
  auditIntervalMs: false,
};

/**
 * Starts a simulated GKE: a Kubernetes API per cluster, one Cloud Logging
 * API, the audit generator and, if asked, the admin endpoint. Everything
 * listens on `options.host` and stops with `stop()`.
 */
export async function startGkeSimulator(
  overrides: Partial<SimulatorOptions> = {},
): Promise<RunningSimulator> {
  const options = { ...IN_PROCESS_DEFAULTS, ...overrides };
  const clock = new Clock();
  const store = LogStore.create({ clock });
  if (options.logEntriesFile) {
    await loadLogEntries(store, options.logEntriesFile);
  }

  const stoppers: Array<() => Promise<void> | void> = [];
  const stop = async () => {
    for (const stopOne of stoppers.reverse()) {
      await stopOne();
    }
  };

  try {
    const clusters: RunningCluster[] = [];
    for (const clusterOptions of options.clusters) {
      clusters.push(await startCluster(clusterOptions));
    }

    const logging = await startLoggingServer({
      host: options.host,
      port: options.loggingPort,
      store,
    });
    stoppers.push(() => logging.close());

    const audit = AuditGenerator.create({
      seed: options.seed,
      clock,
      store,
      sources: clusters.map(c => c.cluster),
    });
    if (options.auditIntervalMs !== false) {
      audit.start(options.auditIntervalMs);
    }
    stoppers.push(() => audit.stop());

    const simulator: RunningSimulator = {
      clusters,
      cluster(name) {
        const found = clusters.find(c => c.name === name);
        if (!found) {
          throw new Error(`The simulator has no cluster "${name}"`);
        }
        return found;
      },
      logging: { endpoint: logging.endpoint, port: logging.port, store },
      clock,
      audit,
      describe: () => describe(simulator),
      stop,
    };

    if (options.adminPort !== false) {
      const url = await startAdminServer(options.host, options.adminPort, {
        describe: () => describe(simulator),
        setFaults: (name, faults) => setFaults(clusters, name, faults),
        resizePool: (name, pool, nodes) => {
          const cluster = clusters.find(c => c.name === name)?.cluster;
          return cluster ? cluster.resizePool(pool, nodes) : false;
        },
        advanceClock: ms => {
          clock.advance(ms);
          return clock.now();
        },
        setClock: date => {
          clock.set(date);
          return clock.now();
        },
        tickAudit: () => audit.tick(),
      });
      simulator.admin = { url };
    }

    return simulator;
  } catch (error) {
    await stop();
    throw error;
  }

  async function startCluster(
    clusterOptions: SimulatedClusterOptions,
  ): Promise<RunningCluster> {
    const { port, adminToken, readOnlyToken, faults, ...spec } = clusterOptions;
    const cluster = SimulatedCluster.create({
      spec,
      timing: options.timing,
      clock,
      faults,
    });
    cluster.start();
    stoppers.push(() => cluster.stop());

    const tokens = {
      adminToken: adminToken ?? randomToken(),
      readOnlyToken: readOnlyToken ?? randomToken(),
    };
    const server = await startKubeApiServer(cluster, {
      host: options.host,
      port: port ?? 0,
      tls: options.tls,
      ...tokens,
    });
    stoppers.push(() => server.close());

    return {
      name: spec.name,
      project: spec.project,
      location: spec.location,
      apiServer: server.url,
      ca: server.ca,
      ...tokens,
      cluster,
    };
  }

  function describe(simulator: RunningSimulator): SimulatorDescription {
    return {
      clusters: simulator.clusters.map(c => ({
        name: c.name,
        project: c.project,
        location: c.location,
        apiServer: c.apiServer,
        ...(c.ca ? { ca: c.ca } : {}),
        adminToken: c.adminToken,
        readOnlyToken: c.readOnlyToken,
      })),
      logging: { endpoint: simulator.logging.endpoint },
      ...(simulator.admin ? { admin: simulator.admin.url } : {}),
    };
  }

  async function startAdminServer(
    host: string,
    port: number,
    controls: SimulatorControls,
  ): Promise<string> {
    const app = express();
    app.use(createAdminRouter(controls));
    const server: Server = createServer(app);
    server.listen(port, host);
    await once(server, 'listening');
    stoppers.push(
      () =>
        new Promise<void>(resolve => {
          server.closeAllConnections();
          server.close(() => resolve());
        }),
    );
    const address = server.address();
    const actualPort =
      typeof address === 'object' && address ? address.port : port;
    return `http://${host}:${actualPort}`;
  }
}

function setFaults(
  clusters: RunningCluster[],
  name: string,
  faults: Partial<ClusterFaults>,
): ClusterFaults | undefined {
  const cluster = clusters.find(c => c.name === name)?.cluster;
  if (!cluster) {
    return undefined;
  }
  cluster.setFaults(faults);
  return cluster.faults();
}

function randomToken(): string {
  return randomBytes(24).toString('base64url');
}
