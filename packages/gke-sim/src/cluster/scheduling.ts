import { isJsonObject, KubeObject } from '../kube';

type Toleration = {
  key?: string;
  operator?: 'Exists' | 'Equal';
  value?: string;
  effect?: string;
};

type Taint = { key: string; value?: string; effect: string };

type NodeSelectorRequirement = {
  key: string;
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist' | 'Gt' | 'Lt';
  values?: string[];
};

/**
 * Whether a DaemonSet's pod template should run on a node: its nodeSelector
 * and required node affinity match the node's labels, and its tolerations
 * cover the node's NoSchedule and NoExecute taints.
 */
export function shouldRunOn(podSpec: unknown, node: KubeObject): boolean {
  if (!isJsonObject(podSpec)) {
    return false;
  }
  const labels = node.metadata.labels ?? {};
  const nodeSelector = isJsonObject(podSpec.nodeSelector)
    ? podSpec.nodeSelector
    : {};
  for (const [key, value] of Object.entries(nodeSelector)) {
    if (labels[key] !== value) {
      return false;
    }
  }
  if (!matchesRequiredAffinity(podSpec.affinity, labels)) {
    return false;
  }
  const taints = (
    (node.spec as { taints?: Taint[] } | undefined)?.taints ?? []
  ).filter(t => t.effect === 'NoSchedule' || t.effect === 'NoExecute');
  const tolerations = (podSpec.tolerations as Toleration[] | undefined) ?? [];
  return taints.every(taint => tolerations.some(t => tolerates(t, taint)));
}

function tolerates(toleration: Toleration, taint: Taint): boolean {
  if (toleration.effect && toleration.effect !== taint.effect) {
    return false;
  }
  if (toleration.operator === 'Exists') {
    return !toleration.key || toleration.key === taint.key;
  }
  return (
    toleration.key === taint.key &&
    (toleration.value ?? '') === (taint.value ?? '')
  );
}

function matchesRequiredAffinity(
  affinity: unknown,
  labels: Record<string, string>,
): boolean {
  const required = isJsonObject(affinity)
    ? (
        affinity.nodeAffinity as
          | {
              requiredDuringSchedulingIgnoredDuringExecution?: {
                nodeSelectorTerms?: Array<{
                  matchExpressions?: NodeSelectorRequirement[];
                }>;
              };
            }
          | undefined
      )?.requiredDuringSchedulingIgnoredDuringExecution
    : undefined;
  const terms = required?.nodeSelectorTerms;
  if (!terms || terms.length === 0) {
    return true;
  }
  // Terms are alternatives; the expressions of one term must all hold.
  return terms.some(term =>
    (term.matchExpressions ?? []).every(expression =>
      holds(expression, labels),
    ),
  );
}

function holds(
  expression: NodeSelectorRequirement,
  labels: Record<string, string>,
): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, expression.key);
  const value = labels[expression.key];
  const values = expression.values ?? [];
  switch (expression.operator) {
    case 'In':
      return has && values.includes(value);
    case 'NotIn':
      return !has || !values.includes(value);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
    case 'Gt':
      return has && Number(value) > Number(values[0]);
    case 'Lt':
      return has && Number(value) < Number(values[0]);
    default:
      return false;
  }
}
