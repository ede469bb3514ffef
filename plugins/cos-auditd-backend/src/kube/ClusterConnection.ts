/**
 * How to reach one cluster's API server; built by the caller from the
 * catalog entity (URL, CA) and the plugin's config (credentials).
 */
export type ClusterConnection = {
  /** The cluster entity, for messages only, e.g. `resource:default/demo-gke-prod`. */
  entityRef: string;
  /** The API server URL (`kubernetes.io/api-server`). */
  url: string;
  /** Base64 PEM of the CA that signed the API server's certificate (`kubernetes.io/api-server-certificate-authority`). */
  caData?: string;
  /** Accept any server certificate over HTTPS. */
  skipTLSVerify?: boolean;
  /** Whose bearer token the requests carry. */
  auth: ClusterAuth;
};

/**
 * The credentials of a cluster's requests:
 * - `serviceAccount`: a token from the plugin's config;
 * - `googleServiceAccount`: the backend's own Google identity (ADC / Workload Identity);
 * - `google`: the signed-in user's Google access token, so GKE RBAC applies to the user.
 */
export type ClusterAuth =
  | { provider: 'serviceAccount'; token: string }
  | { provider: 'googleServiceAccount' }
  | { provider: 'google'; accessToken: string };
