import { V1Node, V1Pod } from '@kubernetes/client-node';
import {
  NodePodState,
  NodeStatus,
} from '@cos-auditd/backstage-plugin-cos-auditd-common';
import { NODE_POOL_LABEL, OS_DISTRIBUTION_LABEL } from '../manifests';

/** Waiting reasons that mean a pod will not become ready without a change. */
const FAILING_REASONS = new Set([
  'ImagePullBackOff',
  'ErrImagePull',
  'CrashLoopBackOff',
  'CreateContainerConfigError',
  'CreateContainerError',
  'InvalidImageName',
  'Init:Error',
  'Init:CrashLoopBackOff',
  'Init:ImagePullBackOff',
  'Init:ErrImagePull',
]);

export const isCosNode = (node: V1Node) =>
  node.metadata?.labels?.[OS_DISTRIBUTION_LABEL] === 'cos';

export const poolOf = (node: V1Node) =>
  node.metadata?.labels?.[NODE_POOL_LABEL] ?? '';

/** Pods by the node they run on: one pass, so 5,000 nodes stay linear. */
export function podsByNode(pods: V1Pod[]): Map<string, V1Pod> {
  const byNode = new Map<string, V1Pod>();
  for (const pod of pods) {
    const node = pod.spec?.nodeName;
    if (node) {
      byNode.set(node, pod);
    }
  }
  return byNode;
}

/** A pod's state as the node table shows it, with the reason it is not ready. */
export function podState(pod: V1Pod): NodePodState {
  const status = pod.status;
  const containers = status?.containerStatuses ?? [];
  const inits = status?.initContainerStatuses ?? [];
  const ready =
    containers.length > 0 &&
    containers.every(c => c.ready) &&
    (status?.conditions ?? []).every(
      c => c.type !== 'Ready' || c.status === 'True',
    );
  const restarts = [...containers, ...inits].reduce(
    (sum, c) => sum + (c.restartCount ?? 0),
    0,
  );
  return {
    name: pod.metadata?.name ?? '',
    phase: status?.phase ?? 'Unknown',
    ready,
    restarts,
    ...(ready ? {} : reasonOf(pod)),
  };
}

/** Whether the pod is stuck in a state that needs someone to act. */
export function isFailing(pod: NodePodState): boolean {
  return (
    pod.phase === 'Failed' ||
    (pod.reason !== undefined && FAILING_REASONS.has(pod.reason))
  );
}

function reasonOf(pod: V1Pod): { reason?: string } {
  const status = pod.status;
  for (const init of status?.initContainerStatuses ?? []) {
    const waiting = init.state?.waiting?.reason;
    if (waiting) {
      // kubectl shows init containers' states with this prefix.
      return {
        reason: waiting.startsWith('Init:') ? waiting : `Init:${waiting}`,
      };
    }
    const terminated = init.state?.terminated;
    if (terminated && terminated.exitCode !== 0) {
      return { reason: 'Init:Error' };
    }
  }
  for (const container of status?.containerStatuses ?? []) {
    const waiting = container.state?.waiting?.reason;
    if (waiting) {
      return { reason: waiting };
    }
  }
  return status?.reason ? { reason: status.reason } : {};
}

/**
 * Each node with its pool, OS and whether the agent covers it, sorted by
 * pool then name; `why` says why a COS node without a pod is not covered.
 */
export function nodeStatuses(
  nodes: V1Node[],
  agentPods: Map<string, V1Pod>,
  whenNoPod: string,
): NodeStatus[] {
  return nodes
    .map((node): NodeStatus => {
      const name = node.metadata?.name ?? '';
      const cos = isCosNode(node);
      const base = {
        name,
        pool: poolOf(node),
        osImage: node.status?.nodeInfo?.osImage ?? '',
        cos,
      };
      if (!cos) {
        return { ...base, covered: false, reason: notCosReason(node) };
      }
      const pod = agentPods.get(name);
      if (!pod) {
        return { ...base, covered: false, reason: whenNoPod };
      }
      const state = podState(pod);
      return {
        ...base,
        covered: state.ready,
        ...(state.ready
          ? {}
          : {
              reason: state.reason
                ? `Agent pod not ready: ${state.reason}`
                : 'Agent pod starting',
            }),
        pod: state,
      };
    })
    .sort((a, b) =>
      a.pool === b.pool
        ? a.name.localeCompare(b.name)
        : a.pool.localeCompare(b.pool),
    );
}

function notCosReason(node: V1Node): string {
  const distribution = node.metadata?.labels?.[OS_DISTRIBUTION_LABEL];
  const os = node.metadata?.labels?.['kubernetes.io/os'];
  if (os === 'windows' || distribution === 'windows') {
    return 'Windows node: the DaemonSet runs only on Container-Optimized OS';
  }
  if (distribution === 'ubuntu') {
    return 'Ubuntu node: the DaemonSet runs only on Container-Optimized OS';
  }
  return `${
    distribution ?? 'Unknown OS'
  } node: the DaemonSet runs only on Container-Optimized OS`;
}
