/**
 * Where a cluster stands with audit logging, as `GET .../status` reports it.
 *
 * @public
 */
export const ROLLOUT_PHASES = [
  'not-installed',
  'rolling-out',
  'active',
  'degraded',
  'disabling',
  'disabled',
  'removed-pending-node-recreation',
  'unsupported',
  'unreachable',
] as const;

/** @public */
export type RolloutPhase = (typeof ROLLOUT_PHASES)[number];

/**
 * One sentence per phase, saying what it means for the cluster's nodes.
 *
 * @public
 */
export const ROLLOUT_PHASE_DESCRIPTIONS: Record<RolloutPhase, string> = {
  'not-installed':
    'Audit logging is not installed: no cos-auditd DaemonSet runs on this cluster.',
  'rolling-out':
    'The logging DaemonSet is being rolled out; some COS nodes do not ship audit records yet.',
  active: 'Every COS node runs the logging agent and ships its audit records.',
  degraded:
    'Some COS nodes cannot run the logging agent (failing pods); their audit records are not shipped.',
  disabling: 'The disable DaemonSet is turning audit logging off node by node.',
  disabled: 'Audit logging was turned off on every node it covered.',
  'removed-pending-node-recreation':
    'Shipping has stopped, but audit logging stays locked on some nodes until they are recreated.',
  unsupported:
    'This cluster cannot run cos-auditd: it is an Autopilot cluster or has no Container-Optimized OS nodes.',
  unreachable: 'The cluster API server could not be reached.',
};
