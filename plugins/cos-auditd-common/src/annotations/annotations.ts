/**
 * Catalog annotations that identify a cluster entity to cos-auditd.
 *
 * The Kubernetes API connection uses the Kubernetes plugin's own annotations
 * (`kubernetes.io/api-server`, …), so one entity serves both plugins; these add
 * the GKE identity that Cloud Logging needs to find the cluster's audit logs.
 *
 * @public
 */
export const CLUSTER_ANNOTATIONS = {
  /** The Google Cloud project that hosts the cluster and its logs. */
  gcpProject: 'cos-auditd.io/gcp-project',
  /** The cluster's location: a zone (`europe-west1-b`) or a region. */
  gkeLocation: 'cos-auditd.io/gke-location',
  /** The GKE cluster name, when it differs from the entity's `metadata.name`. */
  gkeClusterName: 'cos-auditd.io/gke-cluster-name',
} as const;

/**
 * The Kubernetes plugin's annotations that cos-auditd reads to reach a
 * cluster's API server. Credentials are never taken from the catalog.
 *
 * @public
 */
export const KUBERNETES_ANNOTATIONS = {
  apiServer: 'kubernetes.io/api-server',
  apiServerCertificateAuthority:
    'kubernetes.io/api-server-certificate-authority',
  authProvider: 'kubernetes.io/auth-provider',
} as const;

/**
 * The `spec.type` of a catalog `Resource` that describes a Kubernetes cluster.
 *
 * @public
 */
export const KUBERNETES_CLUSTER_RESOURCE_TYPE = 'kubernetes-cluster';
