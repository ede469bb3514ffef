import {
  AUDIT_ARCH,
  SYSCALLS,
} from '@cos-auditd/backstage-plugin-cos-auditd-common';
import { EventsQuery } from './EventsQuery';

/** Where a cluster's audit records are in Cloud Logging: its GKE identity. */
export type AuditLogSource = {
  project: string;
  location: string;
  clusterName: string;
};

/** The log both the current and the legacy agent write to. */
export const AUDIT_LOG_ID = 'linux-auditd';

/** The legacy fluentd agent names the VM in this entry label, not in the resource. */
const LEGACY_NODE_LABEL = 'labels."compute.googleapis.com/resource_name"';

/** The record types that make up an execve event besides its SYSCALL record. */
export const EXECVE_COMPANION_TYPES = ['EXECVE', 'CWD', 'PATH', 'PROCTITLE'];

/**
 * A string literal of the Logging query language. Only `\` and `"` need
 * escaping inside quotes; validated values carry no control characters.
 */
export function quote(value: string): string {
  return `"${value.replace(/[\\"]/g, char => `\\${char}`)}"`;
}

function anyOf(values: readonly string[]): string {
  return values.length === 1
    ? quote(values[0])
    : `(${values.map(quote).join(' OR ')})`;
}

/**
 * The cluster's audit log: fluent-bit entries on `k8s_node` with the
 * cluster's labels, and the legacy fluentd agent's entries on
 * `gce_instance`, whose VM names start with `gke-<cluster>-`.
 */
export function clusterScope(source: AuditLogSource): string {
  const escapedCluster = source.clusterName.replace(
    /[.*+?^${}()|[\]\\-]/g,
    '\\$&',
  );
  return [
    `logName=${quote(`projects/${source.project}/logs/${AUDIT_LOG_ID}`)}`,
    `((resource.type="k8s_node" AND resource.labels.project_id=${quote(
      source.project,
    )}` +
      ` AND resource.labels.location=${quote(source.location)}` +
      ` AND resource.labels.cluster_name=${quote(source.clusterName)})` +
      ` OR (resource.type="gce_instance" AND resource.labels.project_id=${quote(
        source.project,
      )}` +
      ` AND ${LEGACY_NODE_LABEL}=~${quote(`^gke-${escapedCluster}-`)}))`,
  ].join(' AND ');
}

function nodeIs(node: string): string {
  return `(resource.labels.node_name=${quote(
    node,
  )} OR ${LEGACY_NODE_LABEL}=${quote(node)})`;
}

function timeWindow(since: Date, until: Date): string {
  return `timestamp>=${quote(since.toISOString())} AND timestamp<${quote(
    until.toISOString(),
  )}`;
}

/**
 * The filter for the records that each start one event, narrowed on the
 * server by everything the query says: an execve event is found by its
 * SYSCALL record (execve on x86_64 or arm64), a login event is one record.
 * The entry timestamp is when journald received the record, within
 * milliseconds of the audit time.
 */
export function eventsFilter(
  source: AuditLogSource,
  query: EventsQuery,
  loginRecordTypes: readonly string[],
): string {
  const clauses = [clusterScope(source), timeWindow(query.since, query.until)];
  if (query.type === 'execve') {
    const { execve } = SYSCALLS;
    clauses.push(
      'jsonPayload._AUDIT_TYPE_NAME="SYSCALL"',
      `((jsonPayload._AUDIT_FIELD_ARCH=${quote(
        AUDIT_ARCH.x86_64,
      )} AND jsonPayload._AUDIT_FIELD_SYSCALL=${quote(
        String(execve.x86_64),
      )})` +
        ` OR (jsonPayload._AUDIT_FIELD_ARCH=${quote(
          AUDIT_ARCH.aarch64,
        )} AND jsonPayload._AUDIT_FIELD_SYSCALL=${quote(
          String(execve.aarch64),
        )}))`,
    );
    if (query.user !== undefined) {
      clauses.push(
        `(jsonPayload._AUDIT_LOGINUID=${quote(
          query.user,
        )} OR jsonPayload._UID=${quote(query.user)})`,
      );
    }
    if (query.q !== undefined) {
      // The SYSCALL record names the program; arguments are in other records.
      clauses.push(
        `(jsonPayload._EXE:${quote(query.q)} OR jsonPayload._COMM:${quote(
          query.q,
        )})`,
      );
    }
  } else {
    clauses.push(`jsonPayload._AUDIT_TYPE_NAME=${anyOf(loginRecordTypes)}`);
    if (query.user !== undefined) {
      clauses.push(
        /^\d+$/.test(query.user)
          ? `(jsonPayload.AUDIT_FIELD_ACCT=${quote(
              query.user,
            )} OR jsonPayload._AUDIT_LOGINUID=${quote(query.user)})`
          : `jsonPayload.AUDIT_FIELD_ACCT=${quote(query.user)}`,
      );
    }
    if (query.q !== undefined) {
      clauses.push(`jsonPayload.MESSAGE:${quote(query.q)}`);
    }
  }
  if (query.node !== undefined) {
    clauses.push(nodeIs(query.node));
  }
  return clauses.join(' AND ');
}

/**
 * The filter for the other records of execve events whose SYSCALL record
 * was found: by node and audit serial, in a window around their audit time
 * (records of one event are received together, in any order).
 */
export function companionsFilter(
  source: AuditLogSource,
  serialsByNode: ReadonlyMap<string, readonly number[]>,
  window: { since: Date; until: Date },
): string {
  const perNode = [...serialsByNode].map(
    ([node, serials]) =>
      `(${nodeIs(node)} AND jsonPayload._AUDIT_ID=${anyOf(
        serials.map(String),
      )})`,
  );
  return [
    clusterScope(source),
    timeWindow(window.since, window.until),
    `jsonPayload._AUDIT_TYPE_NAME=${anyOf(EXECVE_COMPANION_TYPES)}`,
    perNode.length === 1 ? perNode[0] : `(${perNode.join(' OR ')})`,
  ].join(' AND ');
}

/** The same query in the Google Cloud console's Logs Explorer. */
export function logsExplorerUrl(
  project: string,
  filter: string,
  window: { since: Date; until: Date },
): string {
  // Logs Explorer reads its state from `;`-separated matrix parameters;
  // encode everything it could read as a separator.
  const encode = (text: string) =>
    encodeURIComponent(text).replace(
      /[!'()*]/g,
      char => `%${char.charCodeAt(0).toString(16).toUpperCase()}`,
    );
  const range = `${window.since.toISOString()}/${window.until.toISOString()}`;
  return (
    `https://console.cloud.google.com/logs/query;query=${encode(filter)}` +
    `;timeRange=${encode(range)}?project=${encode(project)}`
  );
}
