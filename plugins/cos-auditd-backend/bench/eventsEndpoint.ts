/**
 * The endpoint side of `yarn bench:events`, one store size per process
 * (bench/events.ts starts it with --expose-gc):
 *
 *   node --expose-gc --require …/nodeTransform.cjs bench/eventsEndpoint.ts MATCHING ROUNDS WARMUP
 *
 * Starts the simulated GKE in this process (one cluster, its Cloud Logging
 * API over gRPC) and writes MATCHING login records and MATCHING execve
 * events of that cluster into its log store, spread over the last 50
 * minutes; then starts the plugin in a test backend here too (the
 * simulator's Logging endpoint configured, insecure channel) and, over
 * real HTTP, reads the newest page of `GET …/events?type=login&pageSize=200`
 * and the page after it (its nextPageToken), then the same for
 * `type=execve`: WARMUP untimed rounds, then ROUNDS timed ones. RSS
 * (sampled, and the kernel's peak) and V8's used heap (sampled) are taken
 * during the timed rounds. Prints one line of JSON (EndpointRun) on stdout.
 */
import { mockCredentials } from '@backstage/backend-test-utils';
import type {
  AuditEventsPage,
  ExecveEvent,
  LoginEvent,
} from '@cos-auditd/backstage-plugin-cos-auditd-common';
import { startGkeSimulator } from '@cos-auditd/gke-sim';
import { getHeapStatistics } from 'node:v8';
import { simulatorConfig, startCosAuditdBackend } from '../src/__testUtils__';
import { benchLogEntries } from './eventsEntries';
import { RssSampler } from './memory';

const CLUSTER = {
  name: 'bench-events',
  project: 'bench-project',
  location: 'europe-west1-b',
  pools: [
    {
      name: 'default-pool',
      nodes: 3,
      os: 'cos' as const,
      machineType: 'e2-standard-4',
    },
  ],
};
const EVENTS = `/api/cos-auditd/clusters/default/${CLUSTER.name}/events`;
const PAGE_SIZE = 200;
const NODES = 8;
const WINDOW_MS = 50 * 60_000;

export type PageTimes = { first: number[]; next: number[] };

export type EndpointRun = {
  matching: number;
  storeEntries: number;
  setupMs: { entries: number; backend: number };
  ms: { login: PageTimes; execve: PageTimes };
  /** Bytes of the first page's JSON. */
  pageBytes: { login: number; execve: number };
  memory: {
    /** RSS and used heap after a full GC, store loaded, backend warmed up. */
    rssBefore: number;
    heapBefore: number;
    /** Heap used before the entries were written (simulator and backend not loaded). */
    heapEmpty: number;
    /** Heap used by the loaded store (after GC, before the backend started). */
    heapStore: number;
    rssMaxSampled: number;
    rssPeak: number | undefined;
    heapPeak: number;
    rssSamples: number;
    /** After the loop and a full GC: what the loop left behind. */
    rssAfterGc: number;
    heapAfterGc: number;
  };
};

const gc = (globalThis as { gc?: () => void }).gc;

function fullGc() {
  if (!gc) {
    throw new Error('Run with --expose-gc');
  }
  gc();
  gc();
}

async function main() {
  const [matchingText, roundsText, warmupText] = process.argv.slice(2);
  const matching = Number(matchingText);
  const rounds = Number(roundsText);
  const warmup = Number(warmupText);
  if (!(matching > 0) || !(rounds > 0) || !(warmup >= 0)) {
    throw new Error('Usage: eventsEndpoint.ts MATCHING ROUNDS WARMUP');
  }
  fullGc();
  const heapEmpty = process.memoryUsage().heapUsed;

  const sim = await startGkeSimulator({ clusters: [CLUSTER] });
  const entriesStarted = performance.now();
  sim.logging.store.write(
    benchLogEntries({
      project: CLUSTER.project,
      location: CLUSTER.location,
      clusterName: CLUSTER.name,
      nodes: NODES,
      logins: matching,
      execves: matching,
      nowMs: Date.now(),
      windowMs: WINDOW_MS,
    }),
  );
  const entriesMs = performance.now() - entriesStarted;
  fullGc();
  const heapStore = process.memoryUsage().heapUsed - heapEmpty;

  const backendStarted = performance.now();
  const backend = await startCosAuditdBackend({
    sim,
    config: simulatorConfig(sim, {
      logging: {
        apiEndpoint: sim.logging.endpoint,
        dangerouslyUseInsecureChannel: true,
        timeoutMs: 30_000,
      },
    }),
  });
  const backendMs = performance.now() - backendStarted;
  const baseUrl = `http://127.0.0.1:${backend.server.port()}`;
  const authorization = mockCredentials.user.header();

  let heapPeak = 0;
  const sampleHeap = () => {
    heapPeak = Math.max(heapPeak, getHeapStatistics().used_heap_size);
  };
  const get = async (query: Record<string, string>) => {
    const started = performance.now();
    const response = await fetch(
      `${baseUrl}${EVENTS}?${new URLSearchParams(query)}`,
      { headers: { authorization } },
    );
    const text = await response.text();
    const ms = performance.now() - started;
    sampleHeap();
    if (response.status !== 200) {
      throw new Error(
        `GET events ${JSON.stringify(query)}: ${response.status} ${text}`,
      );
    }
    return { ms, text, page: JSON.parse(text) as AuditEventsPage };
  };

  const times = {
    login: { first: [] as number[], next: [] as number[] },
    execve: { first: [] as number[], next: [] as number[] },
  };
  const pageBytes = { login: 0, execve: 0 };
  const round = async (timed: boolean, sampler?: RssSampler) => {
    for (const type of ['login', 'execve'] as const) {
      const query = { type, pageSize: String(PAGE_SIZE) };
      const first = await get(query);
      sampler?.sample();
      checkPage(type, first.page, true);
      const next = await get({
        ...query,
        pageToken: first.page.nextPageToken!,
      });
      sampler?.sample();
      checkPage(type, next.page, false);
      if (timed) {
        times[type].first.push(first.ms);
        times[type].next.push(next.ms);
      }
      pageBytes[type] = first.text.length;
    }
  };

  for (let i = 0; i < warmup; i++) {
    await round(false);
  }
  fullGc();
  const rssBefore = process.memoryUsage.rss();
  const heapBefore = process.memoryUsage().heapUsed;
  heapPeak = heapBefore;
  const sampler = new RssSampler();
  sampler.start();
  const heapTimer = setInterval(sampleHeap, 10);
  for (let i = 0; i < rounds; i++) {
    await round(true, sampler);
  }
  clearInterval(heapTimer);
  const rss = sampler.stop();
  sampleHeap();
  fullGc();
  const run: EndpointRun = {
    matching,
    storeEntries: sim.logging.store.size,
    setupMs: { entries: entriesMs, backend: backendMs },
    ms: times,
    pageBytes,
    memory: {
      rssBefore,
      heapBefore,
      heapEmpty,
      heapStore,
      rssMaxSampled: rss.maxSampled,
      rssPeak: rss.peak,
      heapPeak,
      rssSamples: rss.samples,
      rssAfterGc: process.memoryUsage.rss(),
      heapAfterGc: process.memoryUsage().heapUsed,
    },
  };
  process.stdout.write(`${JSON.stringify(run)}\n`);
  await backend.stop();
  await sim.stop();
}

/** A full page of complete events of the type asked for, with a next page after the first. */
function checkPage(
  type: 'login' | 'execve',
  page: AuditEventsPage,
  first: boolean,
) {
  if (page.items.length !== PAGE_SIZE) {
    throw new Error(
      `${type}: ${page.items.length} events on a page, expected ${PAGE_SIZE}`,
    );
  }
  if (first && !page.nextPageToken) {
    throw new Error(`${type}: no nextPageToken after the first page`);
  }
  if (page.skippedRecords !== 0) {
    throw new Error(`${type}: ${page.skippedRecords} records skipped`);
  }
  for (const event of page.items) {
    if (event.type !== type) {
      throw new Error(`${type}: got a ${event.type} event`);
    }
    if (type === 'execve') {
      const execve = event as ExecveEvent;
      if (!execve.exe || execve.argv.length === 0 || !execve.cwd) {
        throw new Error(`execve: incomplete event ${execve.id}`);
      }
    } else if ((event as LoginEvent).recordType === undefined) {
      throw new Error(`login: no record type in ${event.id}`);
    }
  }
}

if (require.main === module) {
  main().then(
    // The test backend's database and the gRPC clients may keep handles open.
    () => process.exit(0),
    error => {
      console.error(error);
      process.exit(1);
    },
  );
}
