export { startKubeApiServer } from './startKubeApiServer';
export type { KubeApiServer, KubeApiServerOptions } from './startKubeApiServer';
export type { KubeApiBackend, AdmissionRequest } from './KubeApiBackend';
