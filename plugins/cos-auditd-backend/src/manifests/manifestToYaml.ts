import { KubernetesObject } from '@kubernetes/client-node';
import { stringify } from 'yaml';

// Namespaces before what lives in them, and ConfigMaps before the pods that
// mount them, as `kubectl apply -f` would need.
const APPLY_ORDER: Record<string, number> = { Namespace: 0, ConfigMap: 1 };

/**
 * Objects as one multi-document YAML text, `---` between documents, in
 * apply order (Namespace, then ConfigMaps, then the rest, otherwise as
 * given), for `kubectl apply -f`.
 */
export function manifestToYaml(objects: KubernetesObject[]): string {
  const rank = (object: KubernetesObject) =>
    APPLY_ORDER[object.kind ?? ''] ?? Object.keys(APPLY_ORDER).length;
  return (
    [...objects]
      .sort((a, b) => rank(a) - rank(b))
      // lineWidth 0: long values (the script, regexes) stay on one line.
      .map(object => stringify(object, { lineWidth: 0 }))
      .join('---\n')
  );
}
