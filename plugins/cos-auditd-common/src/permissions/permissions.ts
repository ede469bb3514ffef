import { RESOURCE_TYPE_CATALOG_ENTITY } from '@backstage/plugin-catalog-common/alpha';
import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Read a cluster's rollout status, active filters, manifest and operation
 * history.
 *
 * @public
 */
export const cosAuditdStatusReadPermission = createPermission({
  name: 'cos-auditd.status.read',
  attributes: { action: 'read' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Read the audit events recorded on a cluster's nodes. Separate from status
 * because login events carry user names and addresses.
 *
 * @public
 */
export const cosAuditdEventsReadPermission = createPermission({
  name: 'cos-auditd.events.read',
  attributes: { action: 'read' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Enable audit logging on a cluster, or change its filters.
 *
 * @public
 */
export const cosAuditdApplyPermission = createPermission({
  name: 'cos-auditd.apply',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Disable audit logging on a cluster or stop shipping its records.
 *
 * @public
 */
export const cosAuditdRemovePermission = createPermission({
  name: 'cos-auditd.remove',
  attributes: { action: 'delete' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Every permission of the cos-auditd plugins.
 *
 * @public
 */
export const cosAuditdPermissions = [
  cosAuditdStatusReadPermission,
  cosAuditdEventsReadPermission,
  cosAuditdApplyPermission,
  cosAuditdRemovePermission,
];
