import { AuditRecord, ParsedRecord, skip } from './AuditRecord';
import { parseAuditBody } from './parseAuditFields';
import { parseAuditLine } from './parseAuditLine';

/** The parts of a Cloud Logging LogEntry this reader looks at. */
export type LogEntryJson = {
  insertId?: string;
  jsonPayload?: unknown;
  resource?: { type?: string; labels?: Record<string, string> };
  labels?: Record<string, string>;
  timestamp?: unknown;
};

/**
 * A LogEntry as `@google-cloud/logging`'s `getEntries` returns it: the
 * entry's fields in `metadata`, the jsonPayload as a plain object in `data`.
 */
export type LoggingClientEntry = {
  metadata: LogEntryJson;
  data?: unknown;
};

/** The label the fluentd agent puts the VM name in (resource `gce_instance`). */
const GCE_RESOURCE_NAME = 'compute.googleapis.com/resource_name';

/**
 * Reads a `linux-auditd` LogEntry — the client library's `Entry` or the
 * REST/JSON form — into an {@link AuditRecord}: the journald fields
 * `MESSAGE` ("TYPE body", no stamp), `_AUDIT_ID` (serial),
 * `_SOURCE_REALTIME_TIMESTAMP` (audit time, µs) and `_AUDIT_TYPE_NAME`;
 * the node from `resource.labels.node_name` (fluent-bit, `k8s_node`), the
 * VM name label (fluentd, `gce_instance`) or `_HOSTNAME`. The payload's
 * `_AUDIT_FIELD_*` copies are not used: they keep raw quotes and lose
 * `aN[i]` pieces. Anything unreadable comes back skipped with the reason;
 * never throws.
 */
export function recordFromLogEntry(
  entry: LogEntryJson | LoggingClientEntry | unknown,
): ParsedRecord {
  if (!isObject(entry)) {
    return skip('not a log entry');
  }
  const metadata = isObject(entry.metadata)
    ? (entry.metadata as LogEntryJson)
    : (entry as LogEntryJson);
  const insertId =
    typeof metadata.insertId === 'string' ? metadata.insertId : undefined;
  const payload = payloadOf(entry, metadata);
  if (!payload) {
    return skip('no jsonPayload', insertId);
  }
  const message = stringField(payload, 'MESSAGE');
  if (message === undefined || message === '') {
    return skip('no MESSAGE', insertId);
  }
  const node = nodeOf(metadata, payload);

  // A forwarded auditd line (`type=… msg=audit(…): …`) carries its own stamp.
  if (message.startsWith('type=') || message.startsWith('node=')) {
    const parsed = parseAuditLine(message, { node });
    if (parsed.skipped) {
      return skip(parsed.reason, insertId);
    }
    return insertId === undefined
      ? parsed
      : { record: { ...parsed.record, insertId } };
  }

  const serial = digits(stringField(payload, '_AUDIT_ID'));
  if (serial === undefined) {
    return skip('no _AUDIT_ID', insertId);
  }
  const micros = digits(stringField(payload, '_SOURCE_REALTIME_TIMESTAMP'));
  // 16 digits of µs reach the year 2286; more is no audit time.
  if (micros === undefined || micros >= 1e16) {
    return skip('no audit time (_SOURCE_REALTIME_TIMESTAMP)', insertId);
  }
  const space = message.indexOf(' ');
  const type =
    stringField(payload, '_AUDIT_TYPE_NAME') ??
    (space < 0 ? message : message.slice(0, space));
  const body = space < 0 ? '' : message.slice(space + 1);
  const parsed = parseAuditBody(body, type);
  if (parsed.truncated) {
    return skip(`${type} record cut short (a quote is never closed)`, insertId);
  }
  const record: AuditRecord = {
    node,
    serial,
    timeMs: Math.floor(micros / 1000),
    type,
    fields: parsed.fields,
    text: parsed.raw === body ? message : `${type} ${parsed.raw}`,
  };
  if (insertId !== undefined) {
    record.insertId = insertId;
  }
  return { record };
}

/** The jsonPayload as a plain object: the client's `data`, or the entry's own. */
function payloadOf(
  entry: Record<string, unknown>,
  metadata: LogEntryJson,
): Record<string, unknown> | undefined {
  const candidates = [entry.data, metadata.jsonPayload, entry.jsonPayload];
  for (const candidate of candidates) {
    if (isObject(candidate)) {
      return isStruct(candidate) ? structToObject(candidate) : candidate;
    }
  }
  return undefined;
}

function nodeOf(
  metadata: LogEntryJson,
  payload: Record<string, unknown>,
): string {
  const resource = isObject(metadata.resource) ? metadata.resource : {};
  const resourceLabels = isObject(resource.labels) ? resource.labels : {};
  const labels = isObject(metadata.labels) ? metadata.labels : {};
  const candidates = [
    resourceLabels.node_name,
    labels[GCE_RESOURCE_NAME],
    stringField(payload, '_HOSTNAME'),
  ];
  for (const candidate of candidates) {
    if (typeof candidate === 'string' && candidate !== '') {
      return candidate;
    }
  }
  return '';
}

/**
 * A payload value as one string: fluent-bit makes a field repeated in one
 * journal entry an array; the first one is the record's.
 */
function stringField(
  payload: Record<string, unknown>,
  key: string,
): string | undefined {
  const value = payload[key];
  if (typeof value === 'string') {
    return value;
  }
  if (Array.isArray(value) && typeof value[0] === 'string') {
    return value[0];
  }
  return undefined;
}

/** A non-negative integer written in decimal digits only. */
function digits(text: string | undefined): number | undefined {
  if (text === undefined || text.length === 0 || text.length > 17) {
    return undefined;
  }
  let value = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x30 || c > 0x39) {
      return undefined;
    }
    value = value * 10 + (c - 0x30);
  }
  return value;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// The protobuf Struct form (`{fields: {K: {stringValue}}}`) of a payload
// read with the raw gRPC client instead of the library's conversion.
function isStruct(value: Record<string, unknown>): boolean {
  return (
    isObject(value.fields) &&
    !('MESSAGE' in value) &&
    Object.keys(value).every(k => k === 'fields')
  );
}

function structToObject(
  struct: Record<string, unknown>,
): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  const fields = isObject(struct.fields) ? struct.fields : {};
  for (const [key, value] of Object.entries(fields)) {
    result[key] = structValue(value);
  }
  return result;
}

function structValue(value: unknown): unknown {
  if (!isObject(value)) {
    return undefined;
  }
  if (typeof value.stringValue === 'string') {
    return value.stringValue;
  }
  const list = value.listValue;
  if (isObject(list) && Array.isArray(list.values)) {
    return list.values.map(structValue);
  }
  return undefined;
}
