/**
 * yarn bench — the cos-auditd backend against kubectl on a 5,000-node cluster.
 *
 * Starts the simulated GKE in its own process (HTTPS, fast rollouts) with one
 * cluster of NODES COS nodes, and the backend plugin in this process. Applies
 * cos-auditd through `POST …/apply` and waits for `GET …/status` to say
 * `active`, then measures, alternating which goes first in each round:
 *
 * 1. `GET …/status` over HTTP against `kubectl get ds,pods -n cos-auditd -o
 *    json` followed by `kubectl get nodes -o json` (output to /dev/null),
 *    and this process's RSS (the backend's) before and during that loop;
 * 2. `POST …/apply` against `kubectl apply --server-side` of the manifest
 *    `GET …/manifest` renders: first re-applying the installed spec
 *    (unchanged), then with a new filter spec every time (changed), so each
 *    of those applies writes.
 *
 * Prints a table, which targets were met, and a one-line JSON summary last.
 * Exits non-zero only on errors; a missed target is reported as MISSED.
 *
 * Options (flag or environment variable):
 *   --iterations N          BENCH_ITERATIONS          status rounds (default 30)
 *   --max-status-seconds S  BENCH_MAX_STATUS_SECONDS  stop the status rounds after S seconds,
 *                                                     at least 10 rounds (default 180; 0: no limit)
 *   --apply-iterations N    BENCH_APPLY_ITERATIONS    apply rounds of each kind (default 10)
 *   --warmup N              BENCH_WARMUP              untimed status rounds first (default 2)
 *   --nodes N               BENCH_NODES               cluster size (default 5000)
 *   KUBECTL                                           kubectl binary (default: kubectl on PATH)
 */
import * as k8s from '@kubernetes/client-node';
import type {
  ApplyResult,
  ClusterStatus,
  FilterSpec,
} from '@cos-auditd/backstage-plugin-cos-auditd-common';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { COS_AUDITD_OBJECTS } from '../src/manifests';
import { BenchBackend, startBenchBackend } from './backend';
import { createKubectl, Kubectl } from './kubectl';
import { RssSampler } from './memory';
import {
  peakRssOf,
  SimulatorProcess,
  startSimulatorProcess,
} from './simulatorProcess';
import {
  mb,
  ms,
  ratio,
  roundTo,
  summarize,
  Summary,
  table,
  verdict,
  missedTargets,
  roundedTiming,
  targetsLine,
} from './stats';

const TARGETS = {
  statusRatio: 0.5,
  rssGrowthBytes: 150e6,
  applyRatio: 1.0,
};

/** The status loop stops at its time budget only after this many rounds. */
const MIN_BUDGETED_ROUNDS = 10;

const CLUSTER = 'bench-5k';
const BASE = `/api/cos-auditd/clusters/default/${CLUSTER}`;
const NAMESPACE = COS_AUDITD_OBJECTS.namespace;
const DAEMONSET = COS_AUDITD_OBJECTS.loggingDaemonSet;
const CONFIGMAP = COS_AUDITD_OBJECTS.fluentBitConfigMap;

/** What the install applies, and what the "unchanged" rounds re-apply. */
const INSTALL_SPEC: FilterSpec = { preset: 'balanced' };

type Options = {
  iterations: number;
  maxStatusSeconds: number;
  applyIterations: number;
  warmup: number;
  nodes: number;
};

async function main(options: Options, cleanups: Cleanups) {
  const started = performance.now();
  const { nodes } = options;
  const workDir = mkdtempSync(join(tmpdir(), 'cos-auditd-bench-'));
  const removeWorkDir = () => rmSync(workDir, { recursive: true, force: true });
  // Also on Ctrl-C, which ends the process at once (see run()).
  process.on('exit', removeWorkDir);
  cleanups.push(() => {
    process.removeListener('exit', removeWorkDir);
    removeWorkDir();
  });

  const sim = await startSimulatorProcess({
    workDir,
    clusterName: CLUSTER,
    nodes,
  });
  cleanups.push(() => sim.stop());
  const simReadyMs = performance.now() - started;

  const rssBeforeBackend = process.memoryUsage.rss();
  const backendStarted = performance.now();
  const backend = await startBenchBackend(sim.cluster);
  cleanups.push(() => backend.stop());
  const backendStartMs = performance.now() - backendStarted;
  const rssAfterBackendStart = process.memoryUsage.rss();

  const kubectl = createKubectl({
    kubeconfigFile: sim.kubeconfigFile,
    cacheDir: join(workDir, 'kube-cache'),
  });
  cleanups.push(() => kubectl.close());

  const initial = await status(backend, nodes);
  if (initial.phase !== 'not-installed') {
    throw new Error(`A new cluster is ${initial.phase}, not not-installed`);
  }

  // Install, and wait for every node's agent pod.
  const install = await apply(backend, INSTALL_SPEC);
  expectActions(install.result, ['created', 'created', 'created']);
  const activeStarted = performance.now();
  await waitForPhase(backend, nodes, 'active', 120_000);
  const toActiveMs = performance.now() - activeStarted;
  log(
    `setup: simulator with ${nodes} nodes up in ${ms(simReadyMs)}, ` +
      `backend in ${ms(backendStartMs)}; install (POST …/apply) ${ms(
        install.ms,
      )}, then active after ${ms(toActiveMs)}`,
  );

  const statusResult = await benchStatus(backend, kubectl, options);
  log(
    `status: ${statusResult.rounds} rounds in ${(
      statusResult.loopMs / 1000
    ).toFixed(0)} s`,
  );
  await checkKubectlSeesEverything(kubectl, nodes);

  const applyResult = await benchApply(backend, kubectl, sim, options, workDir);
  log(`apply: ${options.applyIterations} rounds of each kind`);

  report({
    options,
    setup: {
      simReadyMs,
      backendStartMs,
      installMs: install.ms,
      toActiveMs,
      rssBeforeBackend,
      rssAfterBackendStart,
      simPeakRss: peakRssOf(sim.pid),
      totalMs: performance.now() - started,
    },
    status: statusResult,
    apply: applyResult,
  });
}

// ---------------------------------------------------------------------------
// 1. Status

type StatusResult = {
  rounds: number;
  loopMs: number;
  endpoint: Summary;
  kubectl: Summary;
  endpointBytes: number;
  rss: {
    beforeLoop: number;
    maxSampled: number;
    peak: number | undefined;
    samples: number;
  };
};

async function benchStatus(
  backend: BenchBackend,
  kubectl: Kubectl,
  options: Options,
): Promise<StatusResult> {
  const kubectlPair = async () => {
    const started = performance.now();
    await kubectl.run(['get', 'ds,pods', '-n', NAMESPACE, '-o', 'json']);
    await kubectl.run(['get', 'nodes', '-o', 'json']);
    return performance.now() - started;
  };
  let endpointBytes = 0;
  const endpoint = async (sampler?: RssSampler) => {
    const response = await backend.request('GET', `${BASE}/status`);
    sampler?.sample();
    const body = checkStatus(response, options.nodes);
    if (body.phase !== 'active') {
      throw new Error(
        `status is ${body.phase} during the loop: ${body.message}`,
      );
    }
    endpointBytes = response.text.length;
    return response.ms;
  };

  for (let round = 0; round < options.warmup; round++) {
    await endpoint();
    await kubectlPair();
  }

  const endpointTimes: number[] = [];
  const kubectlTimes: number[] = [];
  const beforeLoop = process.memoryUsage.rss();
  const sampler = new RssSampler();
  sampler.start();
  const loopStarted = performance.now();
  const budgetMs = options.maxStatusSeconds * 1000;
  for (let round = 0; round < options.iterations; round++) {
    if (
      budgetMs > 0 &&
      round >= MIN_BUDGETED_ROUNDS &&
      performance.now() - loopStarted > budgetMs
    ) {
      break;
    }
    if (round % 2 === 0) {
      endpointTimes.push(await endpoint(sampler));
      kubectlTimes.push(await kubectlPair());
    } else {
      kubectlTimes.push(await kubectlPair());
      endpointTimes.push(await endpoint(sampler));
    }
    sampler.sample();
  }
  const loopMs = performance.now() - loopStarted;
  const rss = sampler.stop();
  return {
    rounds: endpointTimes.length,
    loopMs,
    endpoint: summarize(endpointTimes),
    kubectl: summarize(kubectlTimes),
    endpointBytes,
    rss: { beforeLoop, ...rss },
  };
}

/** Once, after the timed loop: kubectl really read every pod and node. */
async function checkKubectlSeesEverything(kubectl: Kubectl, nodes: number) {
  const inNamespace = JSON.parse(
    (
      await kubectl.run(['get', 'ds,pods', '-n', NAMESPACE, '-o', 'json'], {
        capture: true,
      })
    ).stdout,
  ).items as Array<{ kind: string }>;
  const nodeList = JSON.parse(
    (await kubectl.run(['get', 'nodes', '-o', 'json'], { capture: true }))
      .stdout,
  ).items as unknown[];
  const pods = inNamespace.filter(i => i.kind === 'Pod').length;
  const daemonSets = inNamespace.filter(i => i.kind === 'DaemonSet').length;
  if (pods !== nodes || daemonSets !== 1 || nodeList.length !== nodes) {
    throw new Error(
      `kubectl saw ${daemonSets} DaemonSets, ${pods} pods and ${nodeList.length} nodes; expected 1, ${nodes}, ${nodes}`,
    );
  }
}

// ---------------------------------------------------------------------------
// 2. Apply

type ApplyKindResult = { endpoint: Summary; kubectl: Summary };
type ApplyBenchResult = {
  changed: ApplyKindResult;
  unchanged: ApplyKindResult;
};

/** A different spec for every index: presets alternate and the throttle rate counts up. */
function specFor(index: number): FilterSpec {
  return {
    preset: index % 2 === 0 ? 'exec-and-login' : 'balanced',
    throttle: { rate: 1000 + index, window: 5, interval: '1s' },
  };
}

/**
 * Unchanged rounds first, while the cluster is settled: every changed
 * apply restarts a rolling update that, at maxUnavailable 1, takes minutes
 * on 5,000 nodes, and the DaemonSet's status writes meanwhile would make a
 * re-apply look like a change.
 */
async function benchApply(
  backend: BenchBackend,
  kubectl: Kubectl,
  sim: SimulatorProcess,
  options: Options,
  workDir: string,
): Promise<ApplyBenchResult> {
  const apps = sim.kubeConfig.makeApiClient(k8s.AppsV1Api);
  const core = sim.kubeConfig.makeApiClient(k8s.CoreV1Api);
  const versions = async () => {
    const [daemonSet, configMap] = await Promise.all([
      apps.readNamespacedDaemonSet({ name: DAEMONSET, namespace: NAMESPACE }),
      core.readNamespacedConfigMap({ name: CONFIGMAP, namespace: NAMESPACE }),
    ]);
    return {
      generation: daemonSet.metadata?.generation ?? 0,
      daemonSet: daemonSet.metadata?.resourceVersion,
      configMap: configMap.metadata?.resourceVersion,
    };
  };

  // The backend renders every manifest kubectl applies, up front.
  const manifestFile = async (spec: FilterSpec, name: string) => {
    const response = await backend.request(
      'GET',
      `${BASE}/manifest?filters=${encodeURIComponent(JSON.stringify(spec))}`,
    );
    if (response.status !== 200) {
      throw new Error(
        `GET …/manifest answered ${response.status}: ${response.text}`,
      );
    }
    const file = join(workDir, `manifest-${name}.yaml`);
    writeFileSync(file, response.text);
    return file;
  };
  const kubectlApply = (file: string) =>
    kubectl.run([
      'apply',
      '--server-side',
      '--field-manager=bench',
      // The backend's field manager owns these fields; take them over, as it does back.
      '--force-conflicts',
      // The simulator serves no /openapi, which client-side validation needs.
      '--validate=false',
      '-f',
      file,
    ]);
  const rounds = options.applyIterations + 1; // the first round warms up

  /** Alternates which goes first; drops the first round. */
  const alternate = async (
    endpointRun: () => Promise<number>,
    kubectlRun: () => Promise<number>,
  ): Promise<ApplyKindResult> => {
    const endpointTimes: number[] = [];
    const kubectlTimes: number[] = [];
    for (let round = 0; round < rounds; round++) {
      let a: number;
      let b: number;
      if (round % 2 === 0) {
        a = await endpointRun();
        b = await kubectlRun();
      } else {
        b = await kubectlRun();
        a = await endpointRun();
      }
      if (round > 0) {
        endpointTimes.push(a);
        kubectlTimes.push(b);
      }
    }
    return {
      endpoint: summarize(endpointTimes),
      kubectl: summarize(kubectlTimes),
    };
  };

  // Unchanged: both re-apply what the cluster runs since the install.
  const installManifest = await manifestFile(INSTALL_SPEC, 'install');
  // The first kubectl apply adds its field manager to managedFields (no spec change).
  await kubectlApply(installManifest);
  const settled = await versions();
  const unchanged = await alternate(
    async () => {
      const { ms: took, result } = await apply(backend, INSTALL_SPEC);
      expectActions(result, ['unchanged', 'unchanged', 'unchanged']);
      return took;
    },
    async () => (await kubectlApply(installManifest)).ms,
  );
  const after = await versions();
  if (
    after.daemonSet !== settled.daemonSet ||
    after.configMap !== settled.configMap
  ) {
    throw new Error('Re-applying the installed spec changed the cluster');
  }

  // Changed: every apply, by either, writes a spec the cluster does not run yet.
  const specCount = 2 * rounds;
  const changedFiles: string[] = [];
  for (let index = 0; index < specCount; index++) {
    changedFiles.push(await manifestFile(specFor(index), String(index)));
  }
  let next = 0;
  const changed = await alternate(
    async () => {
      const { ms: took, result } = await apply(backend, specFor(next++));
      expectActions(result, ['unchanged', 'configured', 'configured']);
      return took;
    },
    async () => {
      const before = await versions();
      const { ms: took } = await kubectlApply(changedFiles[next++]);
      const afterApply = await versions();
      if (
        afterApply.generation <= before.generation ||
        afterApply.configMap === before.configMap
      ) {
        throw new Error('kubectl apply of a changed manifest changed nothing');
      }
      return took;
    },
  );

  return { changed, unchanged };
}

// ---------------------------------------------------------------------------
// Backend calls

async function status(backend: BenchBackend, nodes: number) {
  return checkStatus(await backend.request('GET', `${BASE}/status`), nodes);
}

function checkStatus(
  response: { status: number; text: string },
  nodes: number,
): ClusterStatus {
  if (response.status !== 200) {
    throw new Error(
      `GET …/status answered ${response.status}: ${response.text}`,
    );
  }
  const body = JSON.parse(response.text) as ClusterStatus;
  if (body.nodes.length !== nodes) {
    throw new Error(`status lists ${body.nodes.length} nodes, not ${nodes}`);
  }
  return body;
}

async function apply(backend: BenchBackend, filters: FilterSpec) {
  const response = await backend.request('POST', `${BASE}/apply`, { filters });
  if (response.status !== 200) {
    throw new Error(
      `POST …/apply answered ${response.status}: ${response.text}`,
    );
  }
  return { ms: response.ms, result: JSON.parse(response.text) as ApplyResult };
}

function expectActions(result: ApplyResult, expected: string[]) {
  const actions = result.changes.map(c => c.action);
  if (actions.join() !== expected.join()) {
    throw new Error(
      `apply did ${actions.join(', ')}, expected ${expected.join(', ')}`,
    );
  }
  if (result.operation.outcome !== 'succeeded') {
    throw new Error(
      `apply ${result.operation.outcome}: ${result.operation.error?.message}`,
    );
  }
}

async function waitForPhase(
  backend: BenchBackend,
  nodes: number,
  phase: ClusterStatus['phase'],
  timeoutMs: number,
) {
  const deadline = Date.now() + timeoutMs;
  let last: ClusterStatus | undefined;
  while (Date.now() < deadline) {
    last = await status(backend, nodes);
    if (last.phase === phase) {
      return last;
    }
    await new Promise(resolve => setTimeout(resolve, 200));
  }
  throw new Error(
    `status did not become ${phase} within ${timeoutMs} ms; last ${last?.phase}: ${last?.message}`,
  );
}

// ---------------------------------------------------------------------------
// Report

type Ratio = { median: number; p95: number };

function ratioOf(kind: { endpoint: Summary; kubectl: Summary }): Ratio {
  return {
    median: kind.endpoint.median / kind.kubectl.median,
    p95: kind.endpoint.p95 / kind.kubectl.p95,
  };
}

function report(results: {
  options: Options;
  setup: {
    simReadyMs: number;
    backendStartMs: number;
    installMs: number;
    toActiveMs: number;
    rssBeforeBackend: number;
    rssAfterBackendStart: number;
    simPeakRss: number;
    totalMs: number;
  };
  status: StatusResult;
  apply: ApplyBenchResult;
}) {
  const { options, setup, status: st, apply: ap } = results;
  const statusRatio = ratioOf(st);
  const rssMax = Math.max(st.rss.maxSampled, st.rss.peak ?? 0);
  const rssGrowth = rssMax - st.rss.beforeLoop;
  const changedRatio = ratioOf(ap.changed);
  const unchangedRatio = ratioOf(ap.unchanged);

  const targets = {
    statusMedian: statusRatio.median <= TARGETS.statusRatio,
    statusP95: statusRatio.p95 <= TARGETS.statusRatio,
    rssGrowth: rssGrowth <= TARGETS.rssGrowthBytes,
    applyChangedMedian: changedRatio.median <= TARGETS.applyRatio,
    applyChangedP95: changedRatio.p95 <= TARGETS.applyRatio,
    applyUnchangedMedian: unchangedRatio.median <= TARGETS.applyRatio,
    applyUnchangedP95: unchangedRatio.p95 <= TARGETS.applyRatio,
  };
  const ratioVerdict = (limit: number, median: boolean, p95: boolean) =>
    `target ≤ ${limit}x: median ${verdict(median)}, p95 ${verdict(p95)}`;
  const header = ['', 'median', 'p95', 'min', 'max', ''];
  const row = (label: string, s: Summary) => [
    label,
    ms(s.median),
    ms(s.p95),
    ms(s.min),
    ms(s.max),
  ];

  const statusRounds =
    st.rounds === options.iterations
      ? `${st.rounds} status rounds`
      : `${st.rounds} status rounds (of ${options.iterations}: the ${options.maxStatusSeconds} s budget ran out)`;
  const lines = [
    '',
    `cos-auditd backend benchmark: one simulated GKE cluster of ${options.nodes} COS nodes, ` +
      `the cos-auditd DaemonSet on all of them; ${statusRounds}, ${options.applyIterations} apply rounds of each kind, ` +
      `after ${options.warmup} warm-up status rounds and 1 warm-up apply round; node ${process.version}, ` +
      `kubectl and the backend against the same simulator over HTTPS`,
    `Setup: simulator up ${ms(setup.simReadyMs)}, backend started ${ms(
      setup.backendStartMs,
    )}, install POST …/apply ${ms(setup.installMs)}, phase active ${ms(
      setup.toActiveMs,
    )} later; whole run ${(setup.totalMs / 1000).toFixed(0)} s`,
    '',
    '1. Status',
    table(
      [
        header,
        row('GET …/status (backend, HTTP)', st.endpoint),
        row('kubectl get ds,pods + get nodes -o json', st.kubectl),
        [
          'ratio endpoint / kubectl',
          ratio(statusRatio.median),
          ratio(statusRatio.p95),
          '',
          '',
          ratioVerdict(
            TARGETS.statusRatio,
            targets.statusMedian,
            targets.statusP95,
          ),
        ],
      ],
      { notesColumn: true },
    ),
    `  (one status answer is ${(st.endpointBytes / 1e6).toFixed(
      1,
    )} MB of JSON; kubectl prints ${options.nodes} nodes and ${
      options.nodes
    } pods)`,
    '',
    '   Backend RSS (the backend runs in this process; kubectl and the simulator are other processes)',
    table(
      [
        ['before the backend started', mb(setup.rssBeforeBackend), ''],
        ['after it started', mb(setup.rssAfterBackendStart), ''],
        [
          'before the status loop (after install and warm-up)',
          mb(st.rss.beforeLoop),
          '',
        ],
        [
          `max during the loop (${st.rss.samples} samples${
            st.rss.peak === undefined ? '' : ' and the kernel peak, VmHWM'
          })`,
          mb(rssMax),
          '',
        ],
        [
          'growth during the loop',
          mb(rssGrowth),
          `target ≤ ${mb(TARGETS.rssGrowthBytes)}: ${verdict(
            targets.rssGrowth,
          )}`,
        ],
      ],
      { notesColumn: true },
    ),
    '',
    '2. Apply',
    table(
      [
        header,
        row('unchanged: POST …/apply (installed spec)', ap.unchanged.endpoint),
        row('unchanged: kubectl apply --server-side', ap.unchanged.kubectl),
        [
          'unchanged: ratio endpoint / kubectl',
          ratio(unchangedRatio.median),
          ratio(unchangedRatio.p95),
          '',
          '',
          ratioVerdict(
            TARGETS.applyRatio,
            targets.applyUnchangedMedian,
            targets.applyUnchangedP95,
          ),
        ],
        row('changed:   POST …/apply (new filter spec)', ap.changed.endpoint),
        row('changed:   kubectl apply --server-side', ap.changed.kubectl),
        [
          'changed:   ratio endpoint / kubectl',
          ratio(changedRatio.median),
          ratio(changedRatio.p95),
          '',
          '',
          ratioVerdict(
            TARGETS.applyRatio,
            targets.applyChangedMedian,
            targets.applyChangedP95,
          ),
        ],
      ],
      { notesColumn: true },
    ),
    '  (every changed apply, by either, rewrites the ConfigMap and the DaemonSet and restarts the',
    '   rolling update of the agent pods, which goes on, one node at a time, during the changed rounds)',
    `  simulator peak RSS ${mb(setup.simPeakRss)}`,
    '',
  ];
  lines.push(targetsLine(targets));
  console.log(lines.join('\n'));

  const summary = roundedTiming;
  const ratios = (r: Ratio) => ({
    median: roundTo(r.median, 3),
    p95: roundTo(r.p95, 3),
  });
  console.log(
    JSON.stringify({
      bench: 'cos-auditd-backend',
      nodes: options.nodes,
      statusRounds: st.rounds,
      applyRounds: options.applyIterations,
      status: {
        endpointMs: summary(st.endpoint),
        kubectlMs: summary(st.kubectl),
        ratio: ratios(statusRatio),
      },
      rssMB: {
        beforeLoop: roundTo(st.rss.beforeLoop / 1e6),
        maxDuringLoop: roundTo(rssMax / 1e6),
        growth: roundTo(rssGrowth / 1e6),
      },
      apply: {
        unchanged: {
          endpointMs: summary(ap.unchanged.endpoint),
          kubectlMs: summary(ap.unchanged.kubectl),
          ratio: ratios(unchangedRatio),
        },
        changed: {
          endpointMs: summary(ap.changed.endpoint),
          kubectlMs: summary(ap.changed.kubectl),
          ratio: ratios(changedRatio),
        },
      },
      targets,
      missed: missedTargets(targets),
      allTargetsMet: missedTargets(targets).length === 0,
    }),
  );
}

function log(message: string) {
  console.log(`[bench] ${message}`);
}

// ---------------------------------------------------------------------------
// Options, clean-up, entry point

const USAGE = `Usage: yarn bench [--iterations N] [--max-status-seconds S] [--apply-iterations N] [--warmup N] [--nodes N]
  --iterations N          status rounds (BENCH_ITERATIONS, default 30)
  --max-status-seconds S  stop the status rounds after S seconds, but not before ${MIN_BUDGETED_ROUNDS} rounds
                          (BENCH_MAX_STATUS_SECONDS, default 180; 0: no limit)
  --apply-iterations N    apply rounds of each kind, changed and unchanged (BENCH_APPLY_ITERATIONS, default 10)
  --warmup N              untimed status rounds before the timed ones (BENCH_WARMUP, default 2)
  --nodes N               nodes of the simulated cluster (BENCH_NODES, default 5000)
KUBECTL names the kubectl binary (default: kubectl on PATH).`;

function readOptions(argv: string[]): Options | undefined {
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') {
      return undefined;
    }
    const match = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    if (!match) {
      throw new Error(`Unknown argument ${arg}\n${USAGE}`);
    }
    flags.set(match[1], match[2] ?? argv[++i] ?? '');
  }
  const option = (flag: string, env: string, fallback: number, min: number) => {
    const text = flags.get(flag) ?? process.env[env];
    flags.delete(flag);
    const value = text === undefined || text === '' ? fallback : Number(text);
    if (!Number.isInteger(value) || value < min) {
      throw new Error(
        `--${flag} (${env}) must be an integer ≥ ${min}, got ${text}`,
      );
    }
    return value;
  };
  const options: Options = {
    iterations: option('iterations', 'BENCH_ITERATIONS', 30, 1),
    maxStatusSeconds: option(
      'max-status-seconds',
      'BENCH_MAX_STATUS_SECONDS',
      180,
      0,
    ),
    applyIterations: option(
      'apply-iterations',
      'BENCH_APPLY_ITERATIONS',
      10,
      1,
    ),
    warmup: option('warmup', 'BENCH_WARMUP', 2, 0),
    nodes: option('nodes', 'BENCH_NODES', 5000, 1),
  };
  for (const name of flags.keys()) {
    throw new Error(`Unknown option --${name}\n${USAGE}`);
  }
  return options;
}

type Cleanups = Array<() => Promise<void> | void>;

async function runCleanups(cleanups: Cleanups) {
  while (cleanups.length > 0) {
    const cleanup = cleanups.pop()!;
    try {
      await cleanup();
    } catch (error) {
      console.error(`[bench] clean-up failed: ${error}`);
    }
  }
}

function run() {
  let options: Options | undefined;
  try {
    options = readOptions(process.argv.slice(2));
  } catch (error) {
    console.error((error as Error).message);
    process.exitCode = 2;
    return;
  }
  if (!options) {
    console.log(USAGE);
    return;
  }
  const cleanups: Cleanups = [];
  // The test backend's own SIGINT/SIGTERM handlers stop it and call
  // process.exit(0); this one exits first with 130. 'exit' hooks kill the
  // simulator and remove the temporary directory.
  const interrupted = (signal: NodeJS.Signals) => {
    console.error(`[bench] ${signal}: stopping`);
    process.exit(130);
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  main(options, cleanups).then(
    async () => {
      await runCleanups(cleanups);
      process.removeListener('SIGINT', interrupted);
      process.removeListener('SIGTERM', interrupted);
      // Nothing is left running: the process ends by itself.
    },
    async error => {
      console.error('[bench] failed:', error);
      await runCleanups(cleanups);
      // Explicitly: the test backend's beforeExit handler calls process.exit(0),
      // which would override process.exitCode.
      process.exit(1);
    },
  );
}

run();
