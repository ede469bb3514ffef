import { FilterSpec } from '@cos-auditd/backstage-plugin-cos-auditd-common';

/**
 * The one way of writing a FilterSpec: fields in a fixed order, lists
 * sorted, empty lists left out. Two specs that render the same filters for
 * the same reasons normalize to the same JSON, so the annotation and the
 * hashes change only when the filters do.
 */
export function normalizeFilterSpec(spec: FilterSpec): FilterSpec {
  const sorted = (list: string[] | undefined) =>
    list && list.length > 0 ? [...new Set(list)].sort() : undefined;
  const normalized: FilterSpec = {};
  if (spec.preset !== undefined) {
    normalized.preset = spec.preset;
  }
  const excludeRecordTypes = sorted(spec.excludeRecordTypes);
  if (excludeRecordTypes) {
    normalized.excludeRecordTypes = excludeRecordTypes;
  }
  const excludeSyscalls = sorted(spec.excludeSyscalls);
  if (excludeSyscalls) {
    normalized.excludeSyscalls = excludeSyscalls;
  }
  const excludeExecutables = sorted(spec.excludeExecutables);
  if (excludeExecutables) {
    normalized.excludeExecutables = excludeExecutables;
  }
  if (spec.throttle) {
    const { rate, window, interval } = spec.throttle;
    normalized.throttle = { rate, window, interval };
  }
  return normalized;
}
