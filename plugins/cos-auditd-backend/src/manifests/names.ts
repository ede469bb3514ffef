/**
 * The names of the objects upstream's manifests create, which this plugin
 * writes, reads and deletes. They are fixed: clusters set up by hand with
 * `kubectl apply` must be recognised as the same install.
 */
export const COS_AUDITD_OBJECTS = {
  namespace: 'cos-auditd',
  loggingDaemonSet: 'cos-auditd-logging',
  disableDaemonSet: 'cos-auditd-disable',
  fluentBitConfigMap: 'cos-auditd-fluent-bit-config',
  fluentBitConfigKey: 'fluent-bit.conf',
  fluentBitContainer: 'cos-auditd-fluent-bit',
  legacyConfigMap: 'fluentd-gcp-config-cos-auditd',
  legacyConfigKey: 'google-fluentd.conf',
  legacyContainer: 'fluentd-gcp-cos-auditd',
  setupInitContainer: 'cos-auditd-setup',
  disableInitContainer: 'cos-auditd-disable',
} as const;

/** The label the logging DaemonSet selects its pods by (upstream's `name: cos-auditd-logging`). */
export const POD_NAME_LABEL = 'name';

/** Labels and annotations this plugin puts on what it applies. */
export const MANAGED_BY = {
  label: 'app.kubernetes.io/managed-by',
  value: 'backstage-cos-auditd',
  /** The catalog entity the objects were applied for. */
  entityRefAnnotation: 'cos-auditd.io/entity-ref',
  /** A hash of the rendered object, to tell hand edits from our own. */
  specHashAnnotation: 'cos-auditd.io/spec-hash',
  /** The FilterSpec the agent configuration was rendered from (JSON). */
  filterSpecAnnotation: 'cos-auditd.io/filter-spec',
  /** On the pod template: changes with the configuration, so pods restart to read it. */
  configHashAnnotation: 'cos-auditd.io/config-hash',
} as const;

/** The server-side apply field manager for every object this plugin writes. */
export const FIELD_MANAGER = 'backstage-cos-auditd';

/** The node label GKE sets to the OS distribution; the DaemonSet selects `cos`. */
export const OS_DISTRIBUTION_LABEL = 'cloud.google.com/gke-os-distribution';
/** The node label naming the node's GKE node pool. */
export const NODE_POOL_LABEL = 'cloud.google.com/gke-nodepool';
