import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';

/** A cluster entity as the cos-auditd REST API addresses it. */
export type ClusterRef = {
  /** Full entity ref, e.g. `resource:default/demo-gke-prod`. */
  entityRef: string;
  namespace: string;
  name: string;
};

/**
 * Reads the `entityRef` input: `resource:default/demo-gke-prod`,
 * `default/demo-gke-prod` or `demo-gke-prod` (kind `resource`, namespace
 * `default` when left out). Any other kind is refused, since clusters are
 * `Resource` entities.
 */
export function parseClusterRef(input: unknown): ClusterRef {
  if (typeof input !== 'string' || input.trim() === '') {
    throw new InputError(
      'entityRef must be the cluster entity ref, e.g. resource:default/demo-gke-prod',
    );
  }
  let parsed;
  try {
    parsed = parseEntityRef(input.trim(), {
      defaultKind: 'resource',
      defaultNamespace: 'default',
    });
  } catch (error) {
    throw new InputError(
      `entityRef ${JSON.stringify(input)} is not an entity ref: ${
        (error as Error).message
      }`,
    );
  }
  if (parsed.kind.toLocaleLowerCase('en-US') !== 'resource') {
    throw new InputError(
      `entityRef ${JSON.stringify(input)} is a ${
        parsed.kind
      }; cos-auditd works on Resource entities of type kubernetes-cluster, e.g. resource:default/demo-gke-prod`,
    );
  }
  return {
    entityRef: stringifyEntityRef({ ...parsed, kind: 'resource' }),
    namespace: parsed.namespace,
    name: parsed.name,
  };
}
