import { Entity } from '@backstage/catalog-model';
import {
  CLUSTER_ANNOTATIONS,
  KUBERNETES_ANNOTATIONS,
  KUBERNETES_CLUSTER_RESOURCE_TYPE,
} from '@cos-auditd/backstage-plugin-cos-auditd-common';

/**
 * Whether an entity is a cluster cos-auditd can manage: a `Resource` with
 * `spec.type: kubernetes-cluster` and the `kubernetes.io/api-server` and
 * `cos-auditd.io/gcp-project` annotations. Use it to show the entity tab.
 *
 * @public
 */
export function isCosAuditdAvailable(entity: Entity): boolean {
  const annotations = entity.metadata.annotations ?? {};
  return (
    entity.kind.toLocaleLowerCase('en-US') === 'resource' &&
    entity.spec?.type === KUBERNETES_CLUSTER_RESOURCE_TYPE &&
    Boolean(annotations[KUBERNETES_ANNOTATIONS.apiServer]) &&
    Boolean(annotations[CLUSTER_ANNOTATIONS.gcpProject])
  );
}
