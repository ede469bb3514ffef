import type {
  ClusterStatus,
  RolloutPhase,
} from '@cos-auditd/backstage-plugin-cos-auditd-common';

/** Which actions make sense in a phase, and why none do when none do. */
export type ClusterActions = {
  enable: boolean;
  updateFilters: boolean;
  disable: boolean;
  /** Why no action is offered, when none is. */
  reason?: string;
};

const INSTALLABLE: ReadonlySet<RolloutPhase> = new Set<RolloutPhase>([
  'not-installed',
  'disabled',
  'removed-pending-node-recreation',
]);

const INSTALLED: ReadonlySet<RolloutPhase> = new Set<RolloutPhase>([
  'rolling-out',
  'active',
  'degraded',
]);

/**
 * The actions offered for a cluster's status: Enable where nothing runs,
 * Update filters and Disable where the agent is installed, none while a
 * disable runs or where the cluster cannot be managed.
 */
export function clusterActions(status: ClusterStatus): ClusterActions {
  if (INSTALLABLE.has(status.phase)) {
    return { enable: true, updateFilters: false, disable: false };
  }
  if (INSTALLED.has(status.phase)) {
    return { enable: false, updateFilters: true, disable: true };
  }
  const reasons: Partial<Record<RolloutPhase, string>> = {
    disabling:
      'Audit logging is being disabled; the actions return when it is done.',
    unsupported: 'This cluster cannot run cos-auditd, so nothing can be done.',
    unreachable:
      'The cluster cannot be reached; the actions return when it answers again.',
  };
  return {
    enable: false,
    updateFilters: false,
    disable: false,
    reason: reasons[status.phase] ?? 'No action applies to this cluster now.',
  };
}
