export {
  simulatedClusterEntity,
  simulatorConfig,
  startCosAuditdBackend,
} from './cosAuditdTestBackend';
export { waitForStatus } from './waitFor';
