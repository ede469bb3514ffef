import { KubernetesObject } from '@kubernetes/client-node';
import { MANAGED_BY } from './names';
import { specHash } from './specHash';

/** The annotation `kubectl describe` shows as what an object is for. */
export const DESCRIPTION_ANNOTATION = 'kubernetes.io/description';

/**
 * The object with this plugin's managed-by label, the entity ref and any
 * `annotations` given, and last the hash of all that, so a hand edit of
 * any field (even a label) shows as a different hash.
 */
export function markManaged<T extends KubernetesObject>(
  object: T,
  entityRef: string,
  annotations: Record<string, string> = {},
): T {
  const unhashed: T = {
    ...object,
    metadata: {
      ...object.metadata,
      labels: {
        ...object.metadata?.labels,
        [MANAGED_BY.label]: MANAGED_BY.value,
      },
      annotations: {
        ...object.metadata?.annotations,
        [MANAGED_BY.entityRefAnnotation]: entityRef,
        ...annotations,
      },
    },
  };
  return {
    ...unhashed,
    metadata: {
      ...unhashed.metadata,
      annotations: {
        ...unhashed.metadata?.annotations,
        [MANAGED_BY.specHashAnnotation]: specHash(unhashed),
      },
    },
  };
}
