/**
 * The parser side of `yarn bench:events`, run by bench/events.ts in a
 * process of its own:
 *
 *   node --expose-gc --require …/nodeTransform.cjs bench/eventsParser.ts FILE PASSES WARMUP [ORDER]
 *
 * A pass reads FILE, splits it into lines, reads every line with
 * `parseAuditLines` and groups the records into execve events and into
 * login events with `groupAuditEvents` (secrets masked, as the backend
 * does by default), in one of two ways:
 *
 * - `kept`: every parsed record in an array, then grouped twice (the
 *   straightforward use of the two functions; the headline figure);
 * - `streamed`: the parser's generator fed straight into the execve
 *   grouping, the login records set aside on the way and grouped after;
 *   one parse, the same events, but no array of every record.
 *
 * WARMUP untimed passes of each way first, then PASSES timed ones of each,
 * alternating which goes first (ORDER `kept` or `streamed` says which
 * starts), each after a full GC. Prints one line of JSON (ParserRun).
 */
import { readFileSync } from 'node:fs';
import { groupAuditEvents, LOGIN_RECORD_TYPES } from '../src/events/grouping';
import { parseAuditLines, ParsedRecord } from '../src/events/records';

export type ParserWay = 'kept' | 'streamed';

export type ParserPass = {
  way: ParserWay;
  ms: number;
  /** CPU time of this process during the pass (all threads: GC helpers too). */
  cpuUserMs: number;
  cpuSystemMs: number;
  /** The pass on the monotonic clock V8's CPU profiles use (µs), to cut a profile to the passes. */
  clockUs: [number, number];
  readMs: number;
  splitMs: number;
  /** `kept` only: parsing alone; `streamed` parses while grouping execve. */
  parseMs?: number;
  groupExecveMs: number;
  groupLoginMs: number;
  records: number;
  skippedRecords: number;
  execveEvents: number;
  loginEvents: number;
  /** Execve events emitted with a record missing (final grouping). */
  incompleteExecve: number;
};

export type ParserRun = {
  warmup: ParserPass[];
  passes: ParserPass[];
  /** This process's peak RSS (getrusage), bytes. */
  maxRss: number;
};

const LOGIN_TYPES: ReadonlySet<string> = new Set(LOGIN_RECORD_TYPES);

export function parserPass(file: string, way: ParserWay): ParserPass {
  const cpu = process.cpuUsage();
  const startUs = monotonicUs();
  const t0 = performance.now();
  const text = readFileSync(file, 'utf8');
  const t1 = performance.now();
  const lines = text.split('\n');
  const t2 = performance.now();
  let records = 0;
  let skippedRecords = 0;
  let parseMs: number | undefined;
  let execve: ReturnType<typeof groupAuditEvents>;
  let loginInput: ParsedRecord[];
  if (way === 'kept') {
    const all: ParsedRecord[] = [];
    for (const parsed of parseAuditLines(lines)) {
      if (parsed.skipped) {
        skippedRecords++;
      }
      all.push(parsed);
    }
    records = all.length;
    parseMs = performance.now() - t2;
    execve = groupAuditEvents(all, {
      type: 'execve',
      maskSecrets: true,
      final: true,
    });
    loginInput = all;
  } else {
    const logins: ParsedRecord[] = [];
    const parsedLines = function* parsed() {
      for (const one of parseAuditLines(lines)) {
        records++;
        if (one.skipped) {
          skippedRecords++;
        } else if (LOGIN_TYPES.has(one.record.type)) {
          logins.push(one);
        }
        yield one;
      }
    };
    execve = groupAuditEvents(parsedLines(), {
      type: 'execve',
      maskSecrets: true,
      final: true,
    });
    loginInput = logins;
  }
  const t4 = performance.now();
  const login = groupAuditEvents(loginInput, {
    type: 'login',
    maskSecrets: true,
  });
  const t5 = performance.now();
  const endUs = monotonicUs();
  const used = process.cpuUsage(cpu);
  return {
    way,
    ms: t5 - t0,
    cpuUserMs: used.user / 1000,
    cpuSystemMs: used.system / 1000,
    clockUs: [startUs, endUs],
    readMs: t1 - t0,
    splitMs: t2 - t1,
    parseMs,
    groupExecveMs: t4 - t2 - (parseMs ?? 0),
    groupLoginMs: t5 - t4,
    records,
    skippedRecords,
    execveEvents: execve.events.length,
    loginEvents: login.events.length,
    incompleteExecve: execve.incomplete.length,
  };
}

function monotonicUs(): number {
  return Number(process.hrtime.bigint() / 1000n);
}

function fullGc() {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) {
    throw new Error('Run with --expose-gc');
  }
  gc();
  gc();
}

function main() {
  const [file, passesText, warmupText, order = 'kept'] = process.argv.slice(2);
  const passes = Number(passesText);
  const warmup = Number(warmupText);
  if (
    !file ||
    !(passes >= 1) ||
    !(warmup >= 0) ||
    (order !== 'kept' && order !== 'streamed')
  ) {
    throw new Error(
      'Usage: eventsParser.ts FILE PASSES WARMUP [kept|streamed]',
    );
  }
  const ways: ParserWay[] =
    order === 'kept' ? ['kept', 'streamed'] : ['streamed', 'kept'];
  const run: ParserRun = { warmup: [], passes: [], maxRss: 0 };
  for (let i = 0; i < warmup; i++) {
    for (const way of ways) {
      run.warmup.push(parserPass(file, way));
    }
  }
  for (let i = 0; i < passes; i++) {
    for (const way of i % 2 === 0 ? ways : [...ways].reverse()) {
      fullGc();
      run.passes.push(parserPass(file, way));
    }
  }
  run.maxRss = process.resourceUsage().maxRSS * 1024;
  process.stdout.write(`${JSON.stringify(run)}\n`);
}

if (require.main === module) {
  main();
}
