/**
 * Where a running simulator can be reached, as `--describe-to` writes it and
 * as scripts and checks read it.
 */
export type SimulatorDescription = {
  clusters: Array<{
    name: string;
    project: string;
    location: string;
    /** Base URL of the cluster's Kubernetes API. */
    apiServer: string;
    /** PEM of the CA that signed the API's certificate, when served over HTTPS. */
    ca?: string;
    adminToken: string;
    readOnlyToken: string;
  }>;
  logging: {
    /** `host:port` of the Cloud Logging gRPC API (insecure). */
    endpoint: string;
  };
  /** Base URL of the admin endpoint, when one is served. */
  admin?: string;
};
