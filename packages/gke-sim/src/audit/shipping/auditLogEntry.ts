import { LogEntryJson } from '../../logging';
import { AgentConfig, AgentNode, AuditSource } from '../AuditSource';
import { JournalFields } from '../records';

/** The log both agents write audit records to. */
export const AUDIT_LOG_ID = 'linux-auditd';

/**
 * The LogEntry an agent writes for a journal record. fluent-bit's
 * stackdriver output: resource `k8s_node` (project_id, location,
 * cluster_name, node_name), no labels, no severity. The legacy fluentd
 * agent (`detect_subservice false`): resource `gce_instance` (instance_id,
 * zone, project_id) and the VM name as label
 * `compute.googleapis.com/resource_name`. Neither sends an insertId.
 */
export function auditLogEntry(
  agent: AgentConfig['agent'],
  source: AuditSource,
  node: AgentNode,
  record: JournalFields,
  timestamp: string,
): LogEntryJson {
  const logName = `projects/${source.project}/logs/${AUDIT_LOG_ID}`;
  if (agent === 'fluentd-legacy') {
    return {
      logName,
      resource: {
        type: 'gce_instance',
        labels: {
          project_id: source.project,
          instance_id: node.instanceId,
          zone: node.zone,
        },
      },
      labels: { 'compute.googleapis.com/resource_name': node.name },
      timestamp,
      jsonPayload: record,
    };
  }
  return {
    logName,
    resource: {
      type: 'k8s_node',
      labels: {
        project_id: source.project,
        location: source.location,
        cluster_name: source.clusterName,
        node_name: node.name,
      },
    },
    timestamp,
    jsonPayload: record,
  };
}
