import { V1Toleration } from '@kubernetes/client-node';
import { OS_DISTRIBUTION_LABEL } from './names';

/** Only COS nodes have the `cloud-audit-setup` unit the pods act on. */
export function cosNodeSelector(): Record<string, string> {
  return { [OS_DISTRIBUTION_LABEL]: 'cos' };
}

/** Every COS node, whatever its taints: a node left out is an audit gap. */
export function tolerateAll(): V1Toleration[] {
  return [
    { operator: 'Exists', effect: 'NoExecute' },
    { operator: 'Exists', effect: 'NoSchedule' },
  ];
}
