export interface Config {
  /** Configuration of the cos-auditd backend plugin. */
  cosAuditd?: {
    /**
     * Cluster API server URLs (origins like `http://127.0.0.1:16443`) that
     * may be plain HTTP or private/loopback addresses. Every other cluster
     * must be HTTPS on a public address. Meant for the demo's simulator and
     * for tests; never for production clusters.
     */
    dangerouslyAllowClusterUrls?: string[];
    /** Calls to each cluster's Kubernetes API. */
    kubernetes?: {
      /** Per-request timeout in milliseconds. Default 5000. */
      timeoutMs?: number;
      /** Extra attempts for reads that fail with 429 or 5xx. Default 2. */
      readRetries?: number;
    };
    /** Images the manifests use; defaults are pinned versions, never `latest`. */
    images?: {
      /** Init container that starts cloud-audit-setup on the node. */
      setup?: string;
      /** The fluent-bit agent. */
      agent?: string;
      /** Init container of the disable DaemonSet. */
      disable?: string;
      /** The disable DaemonSet's idle container. */
      pause?: string;
    };
    /** Removal with mode `disable`. */
    remove?: {
      /** How long to wait for the disable DaemonSet to report from every node, in ms. Default 300000. */
      disableTimeoutMs?: number;
      /** How often to read its progress, in ms. Default 2000. */
      pollIntervalMs?: number;
    };
    /** How many clusters `GET /clusters` reads at once. Default 8. */
    statusConcurrency?: number;
    /** Reading audit events back from Cloud Logging. */
    logging?: {
      /** `host` or `host:port` of the Logging API; Google's endpoint when unset. */
      apiEndpoint?: string;
      /**
       * Plain-text gRPC without Google credentials: only for the simulator
       * in the demo and tests.
       */
      dangerouslyUseInsecureChannel?: boolean;
      /** Deadline of every Logging call, in ms. Default 10000. */
      timeoutMs?: number;
      /** Mask likely secrets (passwords, tokens) in command lines. Default true. */
      maskSecrets?: boolean;
    };
    /** Per-cluster credentials, never taken from the catalog. */
    clusters?: Array<{
      /** The cluster entity, e.g. `resource:default/demo-gke-prod`. */
      entityRef: string;
      /**
       * Bearer token for the `serviceAccount` auth provider.
       * @visibility secret
       */
      serviceAccountToken?: string;
      /** Skip TLS verification of the API server (test clusters only). */
      skipTLSVerify?: boolean;
      /** Where this cluster's audit logs are read. */
      logging?: {
        /** The project holding the logs, if not the cluster's (a log sink's bucket). Default: the cluster's project. */
        project?: string;
        /**
         * A service account key file for this cluster's logs; Application
         * Default Credentials when unset.
         */
        keyFilename?: string;
      };
    }>;
  };
}
