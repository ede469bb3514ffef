import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import { KUBERNETES_ANNOTATIONS } from '@cos-auditd/backstage-plugin-cos-auditd-common';
import { ClusterAuditLogging } from './ClusterAuditLogging';

/**
 * The "Audit logging" tab of a cluster entity: the entity comes from the
 * entity page, the rest from {@link ClusterAuditLogging}.
 *
 * @public
 */
export function EntityCosAuditdContent() {
  const { entity } = useEntity();
  return (
    <ClusterAuditLogging
      entityRef={stringifyEntityRef(entity)}
      authProvider={
        entity.metadata.annotations?.[KUBERNETES_ANNOTATIONS.authProvider]
      }
    />
  );
}
