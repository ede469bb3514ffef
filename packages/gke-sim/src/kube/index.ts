/**
 * The simulated Kubernetes API: an object store with resourceVersions,
 * server-side apply and validation, served over HTTP(S) for real clients.
 */
export { startKubeApiServer } from './api';
export type {
  KubeApiServer,
  KubeApiServerOptions,
  KubeApiBackend,
  AdmissionRequest,
} from './api';
export { ObjectStore, objectKey } from './store';
export type { StoreEvent, StoreListener } from './store';
export { KubeError } from './KubeError';
export type { Status, StatusCause } from './KubeError';
export { CONFIGMAPS, DAEMONSETS, NAMESPACES, NODES, PODS } from './resources';
export type { ResourceType } from './resources';
export type { KubeObject, ObjectMeta, OwnerReference } from './objects';
export { isJsonObject } from './objects';
export type { JsonObject } from './objects';
