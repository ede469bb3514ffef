export {
  simulatedClusterEntity,
  simulatorConfig,
  startCosAuditdBackend,
} from './cosAuditdTestBackend';
export { waitForStatus } from './waitFor';
export { permissionsDenying } from './permissions';
