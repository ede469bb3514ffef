/** Median and p95 of a series of timings, and the formatting the report uses. */

export type Summary = { median: number; p95: number; min: number; max: number };

export function summarize(values: number[]): Summary {
  if (values.length === 0) {
    throw new Error('No samples to summarize');
  }
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median =
    sorted.length % 2 === 1
      ? sorted[middle]
      : (sorted[middle - 1] + sorted[middle]) / 2;
  // Nearest rank: the smallest value with at least 95% of the samples at or below it.
  const p95 = sorted[Math.max(0, Math.ceil(0.95 * sorted.length) - 1)];
  return { median, p95, min: sorted[0], max: sorted[sorted.length - 1] };
}

/** Rounds for the JSON summary. */
export function roundTo(value: number, digits = 1): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

export function ms(value: number): string {
  return `${value.toFixed(0)} ms`;
}

export function ratio(value: number): string {
  return `${value.toFixed(2)}x`;
}

export function mb(bytes: number): string {
  return `${(bytes / 1e6).toFixed(0)} MB`;
}

export function verdict(met: boolean): string {
  return met ? 'met' : 'MISSED';
}

/**
 * A plain text table: the first column left-aligned, the others
 * right-aligned, except the last when `notesColumn` is set (left-aligned
 * free text such as a target's verdict).
 */
export function table(
  rows: string[][],
  options: { indent?: string; notesColumn?: boolean } = {},
): string {
  const { indent = '  ', notesColumn = false } = options;
  const columns = Math.max(...rows.map(row => row.length));
  const widths = Array.from({ length: columns }, (_, column) =>
    Math.max(...rows.map(row => (row[column] ?? '').length)),
  );
  const leftAligned = (column: number) =>
    column === 0 || (notesColumn && column === columns - 1);
  return rows
    .map(
      row =>
        indent +
        Array.from({ length: columns }, (_, column) => {
          const cell = row[column] ?? '';
          return leftAligned(column)
            ? cell.padEnd(widths[column])
            : cell.padStart(widths[column]);
        })
          .join('   ')
          .trimEnd(),
    )
    .join('\n');
}

/** The closing line of a benchmark: which targets were met, and which MISSED. */
export function targetsLine(targets: Record<string, boolean>): string {
  const names = Object.keys(targets);
  const missed = missedTargets(targets);
  return missed.length === 0
    ? `Targets: all ${names.length} met`
    : `Targets: MISSED ${missed.join(', ')}; met ${
        names.length - missed.length
      } of ${names.length}`;
}

/** Median and p95, rounded, for the one-line JSON summary. */
export function roundedTiming(s: Summary) {
  return { median: roundTo(s.median), p95: roundTo(s.p95) };
}

/** The names of the targets a run missed. */
export function missedTargets(targets: Record<string, boolean>): string[] {
  return Object.keys(targets).filter(name => !targets[name]);
}
