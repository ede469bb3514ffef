/**
 * Where a V8 CPU profile (`node --cpu-prof`) spent its time, cut to given
 * windows of the monotonic clock (the parser's timed passes): self time
 * per function, and per part of the code (parser, grouping, masking,
 * Node.js, garbage collector).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

type CpuProfileNode = {
  id: number;
  callFrame: {
    functionName: string;
    url: string;
    lineNumber: number;
  };
  children?: number[];
};

type CpuProfile = {
  nodes: CpuProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
};

export type ProfileSummary = {
  /** Sampled time inside the windows, ms (idle excluded). */
  totalMs: number;
  /** Whether the samples could be cut to the windows (else: the whole profile). */
  windowed: boolean;
  byFunction: Array<{ name: string; where: string; selfMs: number }>;
  byPart: Array<{ part: string; selfMs: number }>;
  /** Time inside (self and callees) a few functions of interest. */
  inclusive: Array<{ name: string; ms: number }>;
};

const INCLUSIVE = [
  'readFileSync',
  'split',
  'parseAuditLines',
  'parseAuditLine',
  'parseAuditBody',
  'scanFields',
  'groupAuditEvents',
  'execveEvent',
  'execveArguments',
  'loginEvent',
  'maskArgv',
];

/** Reads the one .cpuprofile in `dir` and summarizes it. */
export function summarizeProfileDir(
  dir: string,
  windows: Array<[number, number]>,
  top = 15,
): ProfileSummary {
  const file = readdirSync(dir).find(name => name.endsWith('.cpuprofile'));
  if (!file) {
    throw new Error(`No .cpuprofile in ${dir}`);
  }
  const profile = JSON.parse(
    readFileSync(join(dir, file), 'utf8'),
  ) as CpuProfile;
  return summarizeProfile(profile, windows, top);
}

export function summarizeProfile(
  profile: CpuProfile,
  windows: Array<[number, number]>,
  top: number,
): ProfileSummary {
  const nodes = new Map(profile.nodes.map(node => [node.id, node]));
  const parents = new Map<number, number>();
  for (const node of profile.nodes) {
    for (const child of node.children ?? []) {
      parents.set(child, node.id);
    }
  }
  // Each sample's time is the delta to the next one.
  const sampleMs = (index: number) =>
    (profile.timeDeltas[index + 1] ?? 0) / 1000;
  const inWindow = (us: number) =>
    windows.some(([start, end]) => us >= start && us <= end);

  const selected: Array<{ node: number; ms: number }> = [];
  let time = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    time += profile.timeDeltas[i];
    if (inWindow(time)) {
      selected.push({ node: profile.samples[i], ms: sampleMs(i) });
    }
  }
  const windowed = selected.length > 0;
  if (!windowed) {
    for (let i = 0; i < profile.samples.length; i++) {
      selected.push({ node: profile.samples[i], ms: sampleMs(i) });
    }
  }

  const self = new Map<
    string,
    { name: string; where: string; selfMs: number }
  >();
  const parts = new Map<string, number>();
  const inclusive = new Map<string, number>();
  let totalMs = 0;
  for (const { node: id, ms } of selected) {
    const node = nodes.get(id)!;
    const { functionName, url, lineNumber } = node.callFrame;
    if (functionName === '(idle)') {
      continue;
    }
    totalMs += ms;
    const name = functionName || '(anonymous)';
    const where = url ? `${shortUrl(url)}:${lineNumber + 1}` : '';
    const key = `${name} ${where}`;
    const entry = self.get(key) ?? { name, where, selfMs: 0 };
    entry.selfMs += ms;
    self.set(key, entry);
    const part = partOf(name, url);
    parts.set(part, (parts.get(part) ?? 0) + ms);
    // Each function of interest once per sample, however deep it recurses.
    const seen = new Set<string>();
    for (
      let at: number | undefined = id;
      at !== undefined;
      at = parents.get(at)
    ) {
      const frame = nodes.get(at)!.callFrame.functionName;
      if (INCLUSIVE.includes(frame) && !seen.has(frame)) {
        seen.add(frame);
        inclusive.set(frame, (inclusive.get(frame) ?? 0) + ms);
      }
    }
  }
  return {
    totalMs,
    windowed,
    byFunction: [...self.values()]
      .sort((a, b) => b.selfMs - a.selfMs)
      .slice(0, top),
    byPart: [...parts]
      .map(([part, selfMs]) => ({ part, selfMs }))
      .sort((a, b) => b.selfMs - a.selfMs),
    inclusive: INCLUSIVE.filter(name => inclusive.has(name)).map(name => ({
      name,
      ms: inclusive.get(name)!,
    })),
  };
}

function shortUrl(url: string): string {
  const src = url.indexOf('/src/');
  if (src >= 0) {
    return url.slice(src + 1);
  }
  const bench = url.indexOf('/bench/');
  if (bench >= 0) {
    return url.slice(bench + 1);
  }
  return url.replace(/^file:\/\//, '');
}

function partOf(name: string, url: string): string {
  if (name === '(garbage collector)') {
    return 'garbage collector';
  }
  if (name === '(program)') {
    return 'V8/native (program)';
  }
  if (url.includes('/src/events/records/')) {
    return 'src/events/records (parser)';
  }
  if (url.includes('/src/events/grouping/')) {
    return 'src/events/grouping';
  }
  if (url.includes('/src/events/masking/')) {
    return 'src/events/masking';
  }
  if (url.includes('/bench/')) {
    return 'bench (the pass itself)';
  }
  if (url.startsWith('node:') || url === '') {
    return 'Node.js and built-ins (read, split, sort, Date…)';
  }
  return 'other';
}
