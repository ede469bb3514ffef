/**
 * yarn bench:events — the audit events path of the cos-auditd backend.
 *
 * 1. Parser: writes at least LINES plain audit log lines to a temporary
 *    file (the audit corpus repeated with rewritten stamps and serials, or
 *    generated lines without it) and times, in turns, our parser — read the
 *    file, split it into lines, `parseAuditLines`, then `groupAuditEvents`
 *    into execve and into login events — against `ausearch --format csv
 *    -if FILE`, and compares records per second. Each of our passes runs in
 *    a new Node.js process after an untimed warm-up pass there (see
 *    PARSER_NOTE); a CPU profile (`--cpu-prof`) of the passes says where
 *    the time goes when the target is missed, or with --profile.
 * 2. Endpoint: for each store size, a new process with the simulated GKE
 *    (its Cloud Logging API and log store) and the plugin in a test backend;
 *    the store holds SIZE login records and SIZE execve events of one
 *    cluster. Times `GET …/events?type=login&pageSize=200` and the page
 *    after it (nextPageToken), then the same for type=execve, and samples
 *    RSS and V8's used heap during those rounds, to show that memory does
 *    not grow with the number of matching entries.
 *
 * Prints tables, which targets were met, and a one-line JSON summary last.
 * Exits non-zero only on errors; a missed target is reported as MISSED.
 *
 * Options (flag or environment variable):
 *   --lines N      BENCH_EVENTS_LINES   audit lines in the parser's file (default 300000)
 *   --passes N     BENCH_EVENTS_PASSES  timed passes of each parser (default 3)
 *   --rounds N     BENCH_EVENTS_ROUNDS  timed endpoint rounds per size (default 20)
 *   --sizes A,B    BENCH_EVENTS_SIZES   matching entries per type, smallest first (default 2000,20000)
 *   --corpus DIR   BENCH_EVENTS_CORPUS  the audit corpus (default /work/shared/fixtures/audit-corpus;
 *                                       "none": generated lines only)
 *   --profile                           profile our parser even when the target is met
 *   AUSEARCH                            the ausearch binary (default /usr/sbin/ausearch, else on PATH)
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runBenchScript, runProgram, ProgramRun } from './eventsChild';
import type { EndpointRun } from './eventsEndpoint';
import {
  AuditLinesFile,
  DEFAULT_CORPUS_DIR,
  readCorpusLines,
  writeAuditLines,
} from './eventsLines';
import type { ParserPass, ParserRun, ParserWay } from './eventsParser';
import { ProfileSummary, summarizeProfileDir } from './eventsProfile';
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
  /** Our records per second over ausearch's, at least. */
  parserRatio: 5,
  /**
   * Memory growth during the endpoint rounds may be this much larger at
   * the largest size than at the smallest: noise, not growth.
   */
  memoryNoiseBytes: 16e6,
  memoryNoiseShare: 0.2,
};

const PARSER_NOTE = [
  'Why a new Node.js process per pass: each ausearch run is a new process, and so each timed',
  'pass of ours starts from a fresh heap (no garbage of earlier passes left to collect) while',
  'the processes take turns with ausearch. In each process one untimed pass of each way comes',
  "first, so the timed passes measure the parser, not V8's JIT warm-up or the TypeScript",
  'transform at load (the cold pass is shown too); process start and module loading are in',
  'no figure. Timed passes start after a full GC; which way goes first alternates.',
];

type Options = {
  lines: number;
  passes: number;
  rounds: number;
  sizes: number[];
  corpusDir: string | undefined;
  profile: boolean;
};

type Cleanups = Array<() => Promise<void> | void>;

// ---------------------------------------------------------------------------
// 1. Parser

type AusearchRun = ProgramRun & {
  /** From GNU time, when installed. */
  maxRss?: number;
  cpuUserMs?: number;
  cpuSystemMs?: number;
};

type ParserResult = {
  lines: AuditLinesFile;
  /** Timed passes, by way. */
  kept: ParserPass[];
  streamed: ParserPass[];
  /** The first pass in each process (cold: JIT and heap), whichever way it was. */
  cold: ParserPass[];
  oursMaxRss: number;
  ausearch: { binary: string; runs: AusearchRun[] } | { unavailable: string };
  profile?: { kept: ProfileSummary; streamed: ProfileSummary };
};

async function benchParser(
  options: Options,
  workDir: string,
): Promise<ParserResult> {
  const corpus = options.corpusDir
    ? readCorpusLines(options.corpusDir)
    : undefined;
  const started = performance.now();
  const lines = await writeAuditLines({
    file: join(workDir, 'audit.log'),
    minLines: options.lines,
    corpus,
  });
  log(
    `parser: wrote ${lines.lines} lines (${mb(lines.bytes)}, ${
      lines.source
    }) in ${ms(performance.now() - started)}`,
  );

  const ausearchBinary =
    process.env.AUSEARCH ??
    (existsSync('/usr/sbin/ausearch') ? '/usr/sbin/ausearch' : 'ausearch');
  const ausearchArgs = ['--format', 'csv', '-if', lines.file];
  const timeFile = join(workDir, 'ausearch.time');
  const gnuTime = existsSync('/usr/bin/time');
  // GNU time adds a fork and a wait, and reports ausearch's peak RSS and CPU.
  const runAusearch = async (): Promise<AusearchRun> => {
    const run: AusearchRun = gnuTime
      ? await runProgram('/usr/bin/time', [
          '-f',
          '%M %U %S',
          '-o',
          timeFile,
          ausearchBinary,
          ...ausearchArgs,
        ])
      : await runProgram(ausearchBinary, ausearchArgs);
    // ausearch exits 1 when nothing matched; the file always has events.
    if (run.code !== 0 || run.stdoutLines < 2) {
      throw new Error(
        `ausearch exited with ${run.code} after ${
          run.stdoutLines
        } lines: ${run.stderrHead.join(' | ')}`,
      );
    }
    if (gnuTime) {
      const [kb, user, system] = readFileSync(timeFile, 'utf8')
        .trim()
        .split('\n')
        .pop()!
        .split(' ')
        .map(Number);
      run.maxRss = kb * 1024;
      run.cpuUserMs = user * 1000;
      run.cpuSystemMs = system * 1000;
    }
    return run;
  };
  let ausearch: ParserResult['ausearch'] = {
    binary: ausearchBinary,
    runs: [],
  };

  const result: ParserResult = {
    lines,
    kept: [],
    streamed: [],
    cold: [],
    oursMaxRss: 0,
    ausearch,
  };
  for (let pass = 0; pass < options.passes; pass++) {
    const run = await runBenchScript<ParserRun>(
      'eventsParser.ts',
      [lines.file, '1', '1', pass % 2 === 0 ? 'kept' : 'streamed'],
      ['--expose-gc'],
    );
    result.kept.push(...run.passes.filter(p => p.way === 'kept'));
    result.streamed.push(...run.passes.filter(p => p.way === 'streamed'));
    result.cold.push(run.warmup[0]);
    result.oursMaxRss = Math.max(result.oursMaxRss, run.maxRss);
    if ('runs' in ausearch) {
      try {
        ausearch.runs.push(await runAusearch());
      } catch (error) {
        ausearch = {
          unavailable: `${ausearchBinary}: ${(error as Error).message}`,
        };
        result.ausearch = ausearch;
        log(`parser: ausearch not measured (${ausearch.unavailable})`);
      }
    }
    const kept = run.passes.find(p => p.way === 'kept')!;
    const streamed = run.passes.find(p => p.way === 'streamed')!;
    log(
      `parser: pass ${pass + 1}/${options.passes}: ours ${ms(
        kept.ms,
      )} (streamed ${ms(streamed.ms)})${
        'runs' in ausearch ? `, ausearch ${ms(ausearch.runs[pass].ms)}` : ''
      }`,
    );
  }

  const missed =
    'runs' in ausearch && parserRatio(result) < TARGETS.parserRatio;
  if (missed || options.profile) {
    const profileDir = join(workDir, 'profile');
    const run = await runBenchScript<ParserRun>(
      'eventsParser.ts',
      [lines.file, '1', '1', 'kept'],
      ['--expose-gc', '--cpu-prof', '--cpu-prof-dir', profileDir],
    );
    const windowsOf = (way: ParserWay) =>
      run.passes.filter(p => p.way === way).map(p => p.clockUs);
    result.profile = {
      kept: summarizeProfileDir(profileDir, windowsOf('kept')),
      streamed: summarizeProfileDir(profileDir, windowsOf('streamed')),
    };
    log(
      `parser: profiled one pass of each way (${
        missed ? 'target missed' : '--profile'
      })`,
    );
  }
  return result;
}

function recordsPerSecond(records: number, passMs: number): number {
  return records / (passMs / 1000);
}

function medianOf(values: number[]): number {
  return summarize(values).median;
}

function parserRatio(result: ParserResult): number {
  if (!('runs' in result.ausearch) || result.ausearch.runs.length === 0) {
    return NaN;
  }
  const ours = recordsPerSecond(
    result.kept[0].records,
    medianOf(result.kept.map(p => p.ms)),
  );
  const theirs = recordsPerSecond(
    result.lines.lines,
    medianOf(result.ausearch.runs.map(r => r.ms)),
  );
  return ours / theirs;
}

// ---------------------------------------------------------------------------
// 2. Endpoint

async function benchEndpoint(options: Options): Promise<EndpointRun[]> {
  const runs: EndpointRun[] = [];
  for (const size of options.sizes) {
    const started = performance.now();
    const run = await runBenchScript<EndpointRun>(
      'eventsEndpoint.ts',
      [String(size), String(options.rounds), '3'],
      ['--expose-gc'],
    );
    runs.push(run);
    log(
      `endpoint: ${size} matching entries of each type (${
        run.storeEntries
      } in the store): ${options.rounds} rounds, process done in ${ms(
        performance.now() - started,
      )}`,
    );
  }
  return runs;
}

/** What the timed rounds added on top of the warmed-up, collected baseline. */
function memoryGrowth(run: EndpointRun) {
  const m = run.memory;
  const rssMax = Math.max(m.rssMaxSampled, m.rssPeak ?? 0);
  return {
    rssMax,
    rss: rssMax - m.rssBefore,
    heap: m.heapPeak - m.heapBefore,
    retainedHeap: m.heapAfterGc - m.heapBefore,
  };
}

// ---------------------------------------------------------------------------
// Report

function report(
  options: Options,
  parser: ParserResult,
  endpoint: EndpointRun[],
  totalMs: number,
) {
  const { lines } = parser;
  const kept = summarize(parser.kept.map(p => p.ms));
  const streamed = summarize(parser.streamed.map(p => p.ms));
  const cold = summarize(parser.cold.map(p => p.ms));
  const records = parser.kept[0].records;
  const oursRate = recordsPerSecond(records, kept.median);
  const runs = 'runs' in parser.ausearch ? parser.ausearch.runs : [];
  const ausearch = runs.length > 0 ? summarize(runs.map(r => r.ms)) : undefined;
  const ausearchRate = ausearch
    ? recordsPerSecond(lines.lines, ausearch.median)
    : NaN;
  const speedup = oursRate / ausearchRate;
  const keptMedian = (pick: (p: ParserPass) => number) =>
    medianOf(parser.kept.map(pick));
  const rate = (value: number) =>
    Number.isFinite(value)
      ? `${Math.round(value).toLocaleString('en-US')}/s`
      : 'n/a';
  const cpu = (user: number, system: number) =>
    `${ms(user)} user + ${ms(system)} sys`;

  const small = endpoint[0];
  const large = endpoint[endpoint.length - 1];
  const smallGrowth = memoryGrowth(small);
  const largeGrowth = memoryGrowth(large);
  const allowance = (value: number) =>
    Math.max(
      TARGETS.memoryNoiseBytes,
      TARGETS.memoryNoiseShare * Math.abs(value),
    );

  const targets = {
    parserRatio: speedup >= TARGETS.parserRatio,
    endpointRssNoGrowth:
      largeGrowth.rss - smallGrowth.rss <= allowance(smallGrowth.rss),
    endpointHeapNoGrowth:
      largeGrowth.heap - smallGrowth.heap <= allowance(smallGrowth.heap),
  };

  const typeMix = lines.types
    .slice(0, 10)
    .map(
      ([type, count]) => `${type} ${((100 * count) / lines.lines).toFixed(0)}%`,
    )
    .join(', ');
  const corpusLine = lines.corpus
    ? `the audit corpus (${lines.corpus.lines} lines of ${lines.corpus.files} files, ${lines.corpus.events} events) ` +
      `repeated ${lines.corpus.copies} times with new stamps and serials`
    : 'generated lines (no audit corpus)';
  const first = runs[0];
  const ausearchTime =
    first?.maxRss === undefined
      ? ''
      : `; peak RSS ${mb(
          Math.max(...runs.map(r => r.maxRss ?? 0)),
        )}, CPU (median run) ${cpu(
          medianOf(runs.map(r => r.cpuUserMs ?? 0)),
          medianOf(runs.map(r => r.cpuSystemMs ?? 0)),
        )}`;
  const ausearchLines = first
    ? [
        `  ausearch: ${first.stdoutLines - 1} CSV lines (events) per run; ${
          first.stderrLines
        } lines on stderr ("${first.stderrHead[0] ?? ''}"…)${ausearchTime}`,
      ]
    : [
        `  ausearch: not measured: ${
          'unavailable' in parser.ausearch
            ? parser.ausearch.unavailable
            : 'no runs'
        }`,
      ];
  const p = parser.kept[0];
  const passRow = (label: string, s: Summary) => [
    label,
    ms(s.median),
    ms(s.p95),
    ms(s.min),
    ms(s.max),
    rate(recordsPerSecond(records, s.median)),
    ausearch
      ? ratio(recordsPerSecond(records, s.median) / ausearchRate)
      : 'n/a',
  ];

  const out: string[] = [
    '',
    `cos-auditd audit events benchmark; node ${process.version}, ${
      options.passes
    } timed passes of each parser, whole run ${(totalMs / 1000).toFixed(0)} s`,
    '',
    `1. Parser: ${lines.lines.toLocaleString('en-US')} lines (${mb(
      lines.bytes,
    )}, ${lines.events.toLocaleString('en-US')} events): ${corpusLine}`,
    `   record types: ${typeMix}, …`,
    table([
      ['', 'median', 'p95', 'min', 'max', 'records/s', 'vs ausearch'],
      passRow(
        'ours: read + split + parseAuditLines into an array + groupAuditEvents execve, login',
        kept,
      ),
      passRow('ours, cold: the first pass in each process (either way)', cold),
      passRow(
        'ours, streamed: parseAuditLines fed into the execve grouping, logins set aside',
        streamed,
      ),
      ausearch
        ? [
            'ausearch --format csv -if FILE',
            ms(ausearch.median),
            ms(ausearch.p95),
            ms(ausearch.min),
            ms(ausearch.max),
            rate(ausearchRate),
            '1.00x',
          ]
        : ['ausearch --format csv -if FILE', 'n/a'],
    ]),
    table(
      [
        [
          'ratio ours / ausearch (records/s of the median passes, first row)',
          ratio(speedup),
          `target ≥ ${TARGETS.parserRatio}x: ${
            ausearch ? verdict(targets.parserRatio) : 'not measured'
          }`,
        ],
      ],
      { notesColumn: true },
    ),
    `  our pass (first row), medians: read ${ms(
      keptMedian(x => x.readMs),
    )}, split ${ms(keptMedian(x => x.splitMs))}, parse ${ms(
      keptMedian(x => x.parseMs ?? 0),
    )} (${rate(
      recordsPerSecond(
        records,
        keptMedian(x => x.parseMs ?? 0),
      ),
    )}), group execve ${ms(keptMedian(x => x.groupExecveMs))}, group login ${ms(
      keptMedian(x => x.groupLoginMs),
    )}; CPU ${cpu(
      keptMedian(x => x.cpuUserMs),
      keptMedian(x => x.cpuSystemMs),
    )}`,
    `  streamed pass, medians: CPU ${cpu(
      medianOf(parser.streamed.map(x => x.cpuUserMs)),
      medianOf(parser.streamed.map(x => x.cpuSystemMs)),
    )}; peak RSS of our processes ${mb(parser.oursMaxRss)} (4 passes each)`,
    `  our result, both ways: ${p.records} records (${p.skippedRecords} unreadable, skipped), ${p.execveEvents} execve events (${p.incompleteExecve} with a record missing), ${p.loginEvents} login events`,
    ...ausearchLines,
    ...PARSER_NOTE.map(line => `  ${line}`),
  ];
  for (const pass of [...parser.kept, ...parser.streamed, ...parser.cold]) {
    if (
      pass.records !== p.records ||
      pass.execveEvents !== p.execveEvents ||
      pass.loginEvents !== p.loginEvents
    ) {
      throw new Error(`A ${pass.way} pass found other events than the first`);
    }
  }
  if (parser.profile) {
    out.push(...profileLines(parser.profile));
  }

  const endpointRow = (
    label: string,
    run: EndpointRun,
    pick: (r: EndpointRun) => number[],
  ) => {
    const s = summarize(pick(run));
    return [label, ms(s.median), ms(s.p95), ms(s.min), ms(s.max)];
  };
  out.push(
    '',
    `2. Endpoint: GET …/events, pageSize 200, the default window (the last hour); simulated Cloud Logging (gRPC) and the backend`,
    '   in one process per store size; the store holds SIZE login records and SIZE execve events (6 entries each) of the cluster;',
    `   ${options.rounds} timed rounds after 3 warm-up rounds, each: first page, then the page after it (nextPageToken), login then execve`,
    table([
      ['', 'median', 'p95', 'min', 'max'],
      ...endpoint.flatMap(run => [
        endpointRow(
          `${run.matching} matching: login, first page`,
          run,
          r => r.ms.login.first,
        ),
        endpointRow(
          `${run.matching} matching: login, next page`,
          run,
          r => r.ms.login.next,
        ),
        endpointRow(
          `${run.matching} matching: execve, first page`,
          run,
          r => r.ms.execve.first,
        ),
        endpointRow(
          `${run.matching} matching: execve, next page`,
          run,
          r => r.ms.execve.next,
        ),
      ]),
    ]),
    `  a page is ${(small.pageBytes.login / 1e3).toFixed(
      0,
    )} kB of JSON (login), ${(small.pageBytes.execve / 1e3).toFixed(
      0,
    )} kB (execve); every page checked: 200 events of the type, complete, none skipped`,
    '',
    '   Memory of the process (the simulator and its store are in it too: compare the growth, not the levels)',
    table([
      ['', ...endpoint.map(run => `${run.matching} matching`)],
      [
        'entries in the store',
        ...endpoint.map(run => String(run.storeEntries)),
      ],
      [
        'heap of the loaded store (after GC)',
        ...endpoint.map(run => mb(run.memory.heapStore)),
      ],
      [
        'RSS before the rounds (warmed up, after GC)',
        ...endpoint.map(run => mb(run.memory.rssBefore)),
      ],
      [
        'RSS max during the rounds (sampled + kernel peak)',
        ...endpoint.map(run => mb(memoryGrowth(run).rssMax)),
      ],
      [
        'RSS growth during the rounds',
        ...endpoint.map(run => mb(memoryGrowth(run).rss)),
      ],
      [
        'heap used before the rounds (after GC)',
        ...endpoint.map(run => mb(run.memory.heapBefore)),
      ],
      [
        'heap used, peak during the rounds (sampled)',
        ...endpoint.map(run => mb(run.memory.heapPeak)),
      ],
      [
        'heap growth during the rounds (peak − before)',
        ...endpoint.map(run => mb(memoryGrowth(run).heap)),
      ],
      [
        'heap left after the rounds and a GC',
        ...endpoint.map(run => mb(memoryGrowth(run).retainedHeap)),
      ],
    ]),
    table(
      [
        [
          `RSS growth, ${large.matching} vs ${small.matching} matching`,
          mb(largeGrowth.rss - smallGrowth.rss),
          `target: ≤ ${mb(allowance(smallGrowth.rss))} more (noise): ${verdict(
            targets.endpointRssNoGrowth,
          )}`,
        ],
        [
          `heap growth, ${large.matching} vs ${small.matching} matching`,
          mb(largeGrowth.heap - smallGrowth.heap),
          `target: ≤ ${mb(allowance(smallGrowth.heap))} more (noise): ${verdict(
            targets.endpointHeapNoGrowth,
          )}`,
        ],
      ],
      { notesColumn: true },
    ),
    '',
  );

  out.push(targetsLine(targets));
  console.log(out.join('\n'));

  const timing = roundedTiming;
  console.log(
    JSON.stringify({
      bench: 'cos-auditd-backend-events',
      parser: {
        source: lines.source,
        lines: lines.lines,
        records,
        passes: options.passes,
        oursMs: timing(kept),
        oursColdMs: timing(cold),
        oursStreamedMs: timing(streamed),
        ausearchMs: ausearch ? timing(ausearch) : null,
        oursRecordsPerSecond: Math.round(oursRate),
        ausearchRecordsPerSecond: Number.isFinite(ausearchRate)
          ? Math.round(ausearchRate)
          : null,
        ratio: Number.isFinite(speedup) ? roundTo(speedup, 2) : null,
        streamedRatio: Number.isFinite(ausearchRate)
          ? roundTo(
              recordsPerSecond(records, streamed.median) / ausearchRate,
              2,
            )
          : null,
      },
      endpoint: endpoint.map(run => ({
        matching: run.matching,
        storeEntries: run.storeEntries,
        loginFirstMs: timing(summarize(run.ms.login.first)),
        loginNextMs: timing(summarize(run.ms.login.next)),
        execveFirstMs: timing(summarize(run.ms.execve.first)),
        execveNextMs: timing(summarize(run.ms.execve.next)),
        rssGrowthMB: roundTo(memoryGrowth(run).rss / 1e6),
        heapGrowthMB: roundTo(memoryGrowth(run).heap / 1e6),
        heapRetainedMB: roundTo(memoryGrowth(run).retainedHeap / 1e6),
        rssMaxMB: roundTo(memoryGrowth(run).rssMax / 1e6),
      })),
      targets,
      missed: missedTargets(targets),
      allTargetsMet: missedTargets(targets).length === 0,
      totalSeconds: roundTo(totalMs / 1000),
    }),
  );
}

function profileLines(profiles: {
  kept: ProfileSummary;
  streamed: ProfileSummary;
}): string[] {
  const { kept, streamed } = profiles;
  const share = (value: number, total: number) =>
    `${((100 * value) / total).toFixed(1)}%`;
  const streamedByPart = new Map(
    streamed.byPart.map(part => [part.part, part.selfMs]),
  );
  return [
    '',
    `   CPU profile (--cpu-prof) of one timed pass of each way, in a process of its own: ${ms(
      kept.totalMs,
    )} sampled in the first row's pass, ${ms(
      streamed.totalMs,
    )} in the streamed one${
      kept.windowed && streamed.windowed
        ? ''
        : ' (WHOLE process: the passes could not be cut out of the profile)'
    }`,
    table([
      ['self time by part', 'ms', 'share', 'streamed ms', 'share'],
      ...kept.byPart.map(part => {
        const other = streamedByPart.get(part.part) ?? 0;
        return [
          part.part,
          ms(part.selfMs),
          share(part.selfMs, kept.totalMs),
          ms(other),
          share(other, streamed.totalMs),
        ];
      }),
    ]),
    table([
      ["self time by function (first row's pass)", 'ms', 'share'],
      ...kept.byFunction.map(fn => [
        `${fn.name}${fn.where ? ` (${fn.where})` : ''}`,
        ms(fn.selfMs),
        share(fn.selfMs, kept.totalMs),
      ]),
    ]),
    table([
      ['inside (self + callees)', 'ms', 'share'],
      ...kept.inclusive.map(fn => [
        fn.name,
        ms(fn.ms),
        share(fn.ms, kept.totalMs),
      ]),
    ]),
  ];
}

function log(message: string) {
  console.log(`[bench:events] ${message}`);
}

// ---------------------------------------------------------------------------
// Options, clean-up, entry point

const USAGE = `Usage: yarn bench:events [--lines N] [--passes N] [--rounds N] [--sizes A,B] [--corpus DIR|none] [--profile]
  --lines N      audit lines in the parser's file, at least (BENCH_EVENTS_LINES, default 300000)
  --passes N     timed passes of our parser and of ausearch (BENCH_EVENTS_PASSES, default 3)
  --rounds N     timed endpoint rounds per store size (BENCH_EVENTS_ROUNDS, default 20)
  --sizes A,B    matching entries of each type, smallest first (BENCH_EVENTS_SIZES, default 2000,20000)
  --corpus DIR   the audit corpus (BENCH_EVENTS_CORPUS, default ${DEFAULT_CORPUS_DIR}); "none": generated lines
  --profile      profile our parser even when the target is met
AUSEARCH names the ausearch binary (default /usr/sbin/ausearch, else ausearch on PATH).`;

function readOptions(argv: string[]): Options | undefined {
  const flags = new Map<string, string>();
  let profile = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') {
      return undefined;
    }
    if (arg === '--profile') {
      profile = true;
      continue;
    }
    const match = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    if (!match) {
      throw new Error(`Unknown argument ${arg}\n${USAGE}`);
    }
    flags.set(match[1], match[2] ?? argv[++i] ?? '');
  }
  const text = (flag: string, env: string) => {
    const value = flags.get(flag) ?? process.env[env];
    flags.delete(flag);
    return value === '' ? undefined : value;
  };
  const integer = (
    flag: string,
    env: string,
    fallback: number,
    min: number,
  ) => {
    const value = text(flag, env);
    const n = value === undefined ? fallback : Number(value);
    if (!Number.isInteger(n) || n < min) {
      throw new Error(
        `--${flag} (${env}) must be an integer ≥ ${min}, got ${value}`,
      );
    }
    return n;
  };
  const lines = integer('lines', 'BENCH_EVENTS_LINES', 300_000, 1);
  const passes = integer('passes', 'BENCH_EVENTS_PASSES', 3, 1);
  const rounds = integer('rounds', 'BENCH_EVENTS_ROUNDS', 20, 1);
  const sizesText = text('sizes', 'BENCH_EVENTS_SIZES') ?? '2000,20000';
  const sizes = sizesText.split(',').map(Number);
  // The first and the second page of 200 must be full.
  if (sizes.length < 2 || sizes.some(n => !Number.isInteger(n) || n < 400)) {
    throw new Error(
      `--sizes (BENCH_EVENTS_SIZES) must be two or more integers ≥ 400, got ${sizesText}`,
    );
  }
  const corpus = text('corpus', 'BENCH_EVENTS_CORPUS') ?? DEFAULT_CORPUS_DIR;
  for (const name of flags.keys()) {
    throw new Error(`Unknown option --${name}\n${USAGE}`);
  }
  return {
    lines,
    passes,
    rounds,
    sizes: [...sizes].sort((a, b) => a - b),
    corpusDir: corpus === 'none' ? undefined : corpus,
    profile,
  };
}

async function main(options: Options, cleanups: Cleanups) {
  const started = performance.now();
  const workDir = mkdtempSync(join(tmpdir(), 'cos-auditd-bench-events-'));
  const removeWorkDir = () => rmSync(workDir, { recursive: true, force: true });
  // Also on Ctrl-C, which ends the process at once (see startBench()).
  process.on('exit', removeWorkDir);
  cleanups.push(() => {
    process.removeListener('exit', removeWorkDir);
    removeWorkDir();
  });
  if (options.corpusDir && !existsSync(join(options.corpusDir, 'raw'))) {
    log(`no audit corpus at ${options.corpusDir}: generating the lines`);
    options.corpusDir = undefined;
  }

  const parser = await benchParser(options, workDir);
  // The parser's file is not needed by the endpoint part.
  rmSync(parser.lines.file, { force: true });
  const endpoint = await benchEndpoint(options);
  report(options, parser, endpoint, performance.now() - started);
}

async function runCleanups(cleanups: Cleanups) {
  while (cleanups.length > 0) {
    const cleanup = cleanups.pop()!;
    try {
      await cleanup();
    } catch (error) {
      console.error(`[bench:events] clean-up failed: ${error}`);
    }
  }
}

function startBench() {
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
  const interrupted = (signal: NodeJS.Signals) => {
    console.error(`[bench:events] ${signal}: stopping`);
    // 'exit' hooks kill the child processes and remove the temporary directory.
    process.exit(130);
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  main(options, cleanups)
    .catch(error => {
      console.error(
        `[bench:events] failed: ${(error as Error).stack ?? error}`,
      );
      process.exitCode = 1;
    })
    .finally(async () => {
      await runCleanups(cleanups);
      process.removeListener('SIGINT', interrupted);
      process.removeListener('SIGTERM', interrupted);
    });
}

startBench();
