export { KubeGateway } from './KubeGateway';
export type { KubeGatewayOptions } from './KubeGateway';
export type { ClusterClient, ObjectRef } from './ClusterClient';
export type { ClusterAuth, ClusterConnection } from './ClusterConnection';
export type { GoogleAccessTokens } from './bearerToken';
export { ClusterTimeoutError, ClusterUnreachableError } from './errors';
