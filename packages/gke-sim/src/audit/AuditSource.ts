/**
 * What the audit generator needs to know about one cluster: its GKE
 * identity, which nodes currently run a Ready logging agent, and the agent
 * configuration that is live in the cluster. SimulatedCluster implements it.
 */
export interface AuditSource {
  readonly project: string;
  readonly location: string;
  readonly clusterName: string;
  /** Nodes whose `cos-auditd-logging` pod is Ready right now. */
  agentReadyNodes(): AgentNode[];
  /** The live agent configuration, or undefined when no ConfigMap exists. */
  agentConfig(): AgentConfig | undefined;
}

/** A node that ships audit records. */
export type AgentNode = {
  name: string;
  pool: string;
  arch: 'amd64' | 'arm64';
  /** `gce://project/zone/instance` */
  providerID: string;
  zone: string;
  /** Numeric GCE instance id, as the legacy agent's `gce_instance` resource needs. */
  instanceId: string;
};

/** The live log agent configuration, as found in the cluster's ConfigMap. */
export type AgentConfig =
  | { agent: 'fluent-bit'; text: string }
  | { agent: 'fluentd-legacy'; text: string };
