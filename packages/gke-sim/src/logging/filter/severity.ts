/** `google.logging.type.LogSeverity`, by name. */
const SEVERITIES: Record<string, number> = {
  DEFAULT: 0,
  DEBUG: 100,
  INFO: 200,
  NOTICE: 300,
  WARNING: 400,
  ERROR: 500,
  CRITICAL: 600,
  ALERT: 700,
  EMERGENCY: 800,
};

/**
 * The numeric level of a severity name (any case) or number, so severities
 * compare as levels (`severity>=WARNING`); undefined if it is neither.
 */
export function severityRank(value: string): number | undefined {
  const byName = SEVERITIES[value.toUpperCase()];
  if (byName !== undefined) {
    return byName;
  }
  return /^\d+$/.test(value) ? Number(value) : undefined;
}
