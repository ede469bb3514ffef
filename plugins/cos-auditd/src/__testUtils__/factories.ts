import type {
  ClusterStatus,
  NodeOutcome,
  Operation,
  RolloutPhase,
} from '@cos-auditd/backstage-plugin-cos-auditd-common';
import { ROLLOUT_PHASE_DESCRIPTIONS } from '@cos-auditd/backstage-plugin-cos-auditd-common';

/** The demo's production cluster, the entity most tests are about. */
export const DEMO_CLUSTER = 'resource:default/demo-gke-prod';

/** A cluster's status in a phase, with no nodes unless given. */
export function clusterStatus(
  phase: RolloutPhase,
  overrides: Partial<ClusterStatus> = {},
): ClusterStatus {
  return {
    entityRef: DEMO_CLUSTER,
    phase,
    message: ROLLOUT_PHASE_DESCRIPTIONS[phase],
    daemonSet: null,
    nodes: [],
    agent: null,
    drift: [],
    checkedAt: '2026-12-02T10:00:00.000Z',
    ...overrides,
  };
}

/** A finished, successful operation of the given kind. */
export function finishedOperation(
  kind: Operation['kind'],
  overrides: Partial<Operation> = {},
): Operation {
  return {
    id: `op-${kind}`,
    entityRef: DEMO_CLUSTER,
    kind,
    outcome: 'succeeded',
    startedAt: '2026-12-02T10:00:00.000Z',
    finishedAt: '2026-12-02T10:00:05.000Z',
    actor: 'user:development/guest',
    dryRun: false,
    spec: kind === 'apply' ? { preset: 'balanced' } : null,
    mode: kind === 'remove' ? 'disable' : null,
    changes: [],
    nodes: [],
    recreation: [],
    messages: [],
    error: null,
    ...overrides,
  };
}

/** One node's outcome after a removal. */
export function nodeOutcome(
  node: string,
  outcome: NodeOutcome['outcome'],
  pool = 'default-pool',
): NodeOutcome {
  return { node, pool, outcome };
}
