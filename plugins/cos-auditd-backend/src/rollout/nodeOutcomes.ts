import { V1Node, V1Pod } from '@kubernetes/client-node';
import { NodeOutcome } from '@cos-auditd/backstage-plugin-cos-auditd-common';
import { isCosNode, podsByNode, poolOf } from './nodeCoverage';

/**
 * Each COS node's outcome from its disable pod: the init container writes
 * `disabled` or `locked` as its termination message. No pod or no message
 * yet is `unknown`.
 */
export function readNodeOutcomes(options: {
  nodes: V1Node[];
  disablePods: V1Pod[];
}): NodeOutcome[] {
  const pods = podsByNode(options.disablePods);
  return options.nodes.filter(isCosNode).map(node => {
    const name = node.metadata?.name ?? '';
    const base = { node: name, pool: poolOf(node) };
    const init = pods.get(name)?.status?.initContainerStatuses?.[0];
    const terminated = init?.state?.terminated ?? init?.lastState?.terminated;
    const message = terminated?.message?.trim();
    if (message === 'disabled') {
      return {
        ...base,
        outcome: 'disabled',
        message: 'Audit logging is off on this node.',
      };
    }
    if (message === 'locked') {
      return {
        ...base,
        outcome: 'locked',
        message:
          'The kernel audit configuration is locked; it stays on until the node is recreated.',
      };
    }
    return {
      ...base,
      outcome: 'unknown',
      message: message
        ? `The disable pod reported: ${message.slice(0, 200)}`
        : 'The disable pod has not reported yet.',
    };
  });
}

/** After stop-shipping: every COS node keeps auditing locked. */
export function lockedNodeOutcomes(nodes: V1Node[]): NodeOutcome[] {
  return nodes.filter(isCosNode).map(node => ({
    node: node.metadata?.name ?? '',
    pool: poolOf(node),
    outcome: 'locked',
    message:
      'Shipping stopped; audit logging stays on until the node is recreated.',
  }));
}
