import type {
  NodeOutcome,
  Operation,
  OperationOutcome,
  ResourceChange,
} from '@cos-auditd/backstage-plugin-cos-auditd-common';

/**
 * What an operation was, in the words the history shows: "Apply filters",
 * "Apply filters (dry run)", "Disable" or "Stop shipping".
 *
 * @public
 */
export function operationLabel(
  operation: Pick<Operation, 'kind' | 'mode' | 'dryRun'>,
): string {
  let label: string;
  if (operation.kind === 'apply') {
    label = 'Apply filters';
  } else {
    // A remove without a mode ran the default one, disable.
    label = operation.mode === 'stop-shipping' ? 'Stop shipping' : 'Disable';
  }
  return operation.dryRun ? `${label} (dry run)` : label;
}

/** The word for an operation's outcome. @public */
export const OPERATION_OUTCOME_LABELS: Record<OperationOutcome, string> = {
  running: 'Running',
  succeeded: 'Succeeded',
  failed: 'Failed',
};

/** The words for where a node stands after a removal. @public */
export const NODE_OUTCOME_LABELS: Record<NodeOutcome['outcome'], string> = {
  disabled: 'Disabled',
  locked: 'Locked until recreated',
  unknown: 'Unknown',
};

/**
 * One line counting a removal's node outcomes, e.g.
 * "3 disabled, 2 locked until recreated, 0 unknown".
 *
 * @public
 */
export function nodeOutcomeSummary(nodes: NodeOutcome[]): string {
  const counts = { disabled: 0, locked: 0, unknown: 0 };
  for (const node of nodes) {
    counts[node.outcome] += 1;
  }
  return `${counts.disabled} disabled, ${counts.locked} locked until recreated, ${counts.unknown} unknown`;
}

/** An ISO time in the viewer's local time; the text itself if unreadable. @public */
export function formatLocalTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString();
}

/**
 * How long an operation took, e.g. "45 s", "3 min 5 s" or "1 h 2 min";
 * empty while it still runs or when a time is unreadable.
 *
 * @public
 */
export function formatDuration(
  startedAt: string,
  finishedAt: string | null,
): string {
  if (!finishedAt) {
    return '';
  }
  const ms = new Date(finishedAt).getTime() - new Date(startedAt).getTime();
  if (Number.isNaN(ms) || ms < 0) {
    return '';
  }
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) {
    return `${seconds} s`;
  }
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) {
    const rest = seconds % 60;
    return rest ? `${minutes} min ${rest} s` : `${minutes} min`;
  }
  const hours = Math.floor(minutes / 60);
  const restMinutes = minutes % 60;
  return restMinutes ? `${hours} h ${restMinutes} min` : `${hours} h`;
}

/** An object an operation touched, e.g. "ConfigMap cos-auditd/fluent-bit-config". @public */
export function resourceName(change: ResourceChange): string {
  const name = change.namespace
    ? `${change.namespace}/${change.name}`
    : change.name;
  return `${change.kind} ${name}`;
}
