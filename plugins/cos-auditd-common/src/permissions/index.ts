export {
  cosAuditdApplyPermission,
  cosAuditdEventsReadPermission,
  cosAuditdPermissions,
  cosAuditdRemovePermission,
  cosAuditdStatusReadPermission,
} from './permissions';
