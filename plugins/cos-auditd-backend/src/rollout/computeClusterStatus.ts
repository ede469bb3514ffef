import {
  V1ConfigMap,
  V1DaemonSet,
  V1Node,
  V1Pod,
} from '@kubernetes/client-node';
import {
  AgentKind,
  Coverage,
  DaemonSetSummary,
  NodeOutcome,
  NodeStatus,
  ROLLOUT_PHASE_DESCRIPTIONS,
  RolloutPhase,
} from '@cos-auditd/backstage-plugin-cos-auditd-common';
import { COS_AUDITD_OBJECTS } from '../manifests';
import { isFailing, nodeStatuses, podsByNode } from './nodeCoverage';
import { readNodeOutcomes } from './nodeOutcomes';

/** What the phase is computed from: the cluster's objects and the last removal. */
export type ClusterSnapshot = {
  nodes: V1Node[];
  loggingDaemonSet: V1DaemonSet | null;
  loggingPods: V1Pod[];
  disableDaemonSet: V1DaemonSet | null;
  disablePods: V1Pod[];
  fluentBitConfigMap: V1ConfigMap | null;
  legacyConfigMap: V1ConfigMap | null;
  /** The last finished removal, unless an apply finished after it. */
  lastRemoval: { nodes: NodeOutcome[]; finishedAt: string } | null;
};

export type ComputedStatus = {
  phase: RolloutPhase;
  message: string;
  daemonSet: DaemonSetSummary | null;
  nodes: NodeStatus[];
  agent: AgentKind | null;
  coverage: Coverage;
};

/** GKE names Autopilot nodes `gk3-…` and labels them so. */
export function isAutopilot(nodes: V1Node[]): boolean {
  return nodes.some(
    node =>
      node.metadata?.name?.startsWith('gk3-') ||
      node.metadata?.labels?.['cloud.google.com/gke-autopilot'] === 'true',
  );
}

/**
 * The phase, in this order of precedence:
 * 1. `unsupported`: Autopilot, or no COS node at all.
 * 2. `disabling`: the disable DaemonSet exists.
 * 3. With the logging DaemonSet: `degraded` when a COS node's agent pod is
 *    stuck (image pull, crash loop, init error); `rolling-out` until every
 *    COS node runs an updated, ready pod; then `active`.
 * 4. Without it: after a removal, `removed-pending-node-recreation` while a
 *    node it left locked still exists, else `disabled`; otherwise
 *    `not-installed`.
 */
export function computeClusterStatus(
  snapshot: ClusterSnapshot,
): ComputedStatus {
  const { nodes } = snapshot;
  const daemonSet = snapshot.loggingDaemonSet
    ? summarize(snapshot.loggingDaemonSet)
    : null;
  const agent = agentOf(snapshot);
  const installed = snapshot.loggingDaemonSet !== null;
  const outcomes = snapshot.disableDaemonSet
    ? readNodeOutcomes({ nodes, disablePods: snapshot.disablePods })
    : [];
  const statuses = snapshot.disableDaemonSet
    ? disablingStatuses(nodes, snapshot.disablePods, outcomes)
    : nodeStatuses(
        nodes,
        podsByNode(snapshot.loggingPods),
        installed ? 'No agent pod yet' : 'Audit logging is not installed',
      );
  const cosNodes = statuses.filter(n => n.cos);
  const coverage: Coverage = {
    covered: snapshot.disableDaemonSet
      ? 0
      : cosNodes.filter(n => n.covered).length,
    eligible: cosNodes.length,
    total: nodes.length,
  };
  const result = (phase: RolloutPhase, detail?: string): ComputedStatus => ({
    phase,
    message: detail
      ? `${ROLLOUT_PHASE_DESCRIPTIONS[phase]} ${detail}`
      : ROLLOUT_PHASE_DESCRIPTIONS[phase],
    daemonSet,
    nodes: statuses,
    agent,
    coverage,
  });

  if (isAutopilot(nodes)) {
    return result('unsupported', 'This is an Autopilot cluster.');
  }
  if (nodes.length > 0 && cosNodes.length === 0) {
    return result(
      'unsupported',
      'None of its nodes runs Container-Optimized OS.',
    );
  }
  if (snapshot.disableDaemonSet) {
    const reported = outcomes.filter(o => o.outcome !== 'unknown').length;
    return result(
      'disabling',
      `${reported} of ${cosNodes.length} COS nodes reported.`,
    );
  }
  if (daemonSet) {
    const failing = cosNodes.filter(n => n.pod && isFailing(n.pod));
    if (failing.length > 0) {
      return result(
        'degraded',
        `${failing.length} of ${cosNodes.length} COS nodes: ${mainReason(
          failing,
        )}.`,
      );
    }
    const settled =
      daemonSet.observedGeneration >= daemonSet.generation &&
      daemonSet.updated >= daemonSet.desired &&
      daemonSet.ready >= daemonSet.desired &&
      daemonSet.available >= daemonSet.desired &&
      coverage.covered === coverage.eligible;
    return settled
      ? result(
          'active',
          `${coverage.covered} of ${coverage.eligible} COS nodes covered.`,
        )
      : result(
          'rolling-out',
          `${coverage.covered} of ${coverage.eligible} COS nodes ready.`,
        );
  }
  if (snapshot.lastRemoval) {
    const existing = new Set(nodes.map(n => n.metadata?.name));
    const pending = snapshot.lastRemoval.nodes.filter(
      o => o.outcome !== 'disabled' && existing.has(o.node),
    );
    if (pending.length > 0) {
      const pools = [...new Set(pending.map(o => o.pool))].sort();
      return result(
        'removed-pending-node-recreation',
        `${pending.length} nodes still locked in ${pools.join(', ')}.`,
      );
    }
    return result('disabled');
  }
  return result('not-installed');
}

function summarize(daemonSet: V1DaemonSet): DaemonSetSummary {
  const status = daemonSet.status;
  return {
    name: daemonSet.metadata?.name ?? COS_AUDITD_OBJECTS.loggingDaemonSet,
    desired: status?.desiredNumberScheduled ?? 0,
    current: status?.currentNumberScheduled ?? 0,
    ready: status?.numberReady ?? 0,
    updated: status?.updatedNumberScheduled ?? 0,
    available: status?.numberAvailable ?? 0,
    misscheduled: status?.numberMisscheduled ?? 0,
    generation: daemonSet.metadata?.generation ?? 0,
    observedGeneration: status?.observedGeneration ?? 0,
  };
}

function agentOf(snapshot: ClusterSnapshot): AgentKind | null {
  const containers =
    snapshot.loggingDaemonSet?.spec?.template.spec?.containers.map(
      c => c.name,
    ) ?? [];
  if (containers.includes(COS_AUDITD_OBJECTS.fluentBitContainer)) {
    return 'fluent-bit';
  }
  if (containers.includes(COS_AUDITD_OBJECTS.legacyContainer)) {
    return 'fluentd-legacy';
  }
  if (snapshot.fluentBitConfigMap) {
    return 'fluent-bit';
  }
  return snapshot.legacyConfigMap ? 'fluentd-legacy' : null;
}

function mainReason(failing: NodeStatus[]): string {
  const counts = new Map<string, number>();
  for (const node of failing) {
    const reason = node.pod?.reason ?? node.pod?.phase ?? 'failing';
    counts.set(reason, (counts.get(reason) ?? 0) + 1);
  }
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([reason, count]) => `${reason} on ${count}`)
    .join(', ');
}

/**
 * Node rows while the disable DaemonSet runs: nothing ships any more, so no
 * node is covered; each COS node says what its disable pod reported.
 */
function disablingStatuses(
  nodes: V1Node[],
  disablePods: V1Pod[],
  outcomes: NodeOutcome[],
): NodeStatus[] {
  const outcomeOf = new Map(outcomes.map(o => [o.node, o]));
  return nodeStatuses(
    nodes,
    podsByNode(disablePods),
    'Disable pod not started yet',
  ).map(status => {
    const outcome = outcomeOf.get(status.name);
    if (!status.cos || !outcome) {
      return status;
    }
    return {
      ...status,
      covered: false,
      reason:
        outcome.outcome === 'unknown' && !status.pod
          ? status.reason
          : outcome.message,
    };
  });
}
