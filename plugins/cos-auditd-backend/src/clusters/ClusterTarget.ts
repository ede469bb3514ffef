import { Entity } from '@backstage/catalog-model';

/** The auth providers a cluster entity may name in `kubernetes.io/auth-provider`. */
export const AUTH_PROVIDERS = [
  'serviceAccount',
  'googleServiceAccount',
  'google',
] as const;

export type AuthProvider = (typeof AUTH_PROVIDERS)[number];

/** A cluster entity, checked and read into what the plugin needs to reach it. */
export type ClusterTarget = {
  entity: Entity;
  entityRef: string;
  title: string;
  url: string;
  caData?: string;
  authProvider: AuthProvider;
  /** The GKE identity that Cloud Logging labels the cluster's logs with. */
  gke: { project: string; location: string; clusterName: string };
};
