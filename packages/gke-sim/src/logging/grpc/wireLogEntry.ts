import { JsonObject, LogEntryJson, MonitoredResource } from '../LogEntryJson';
import { formatLogTime, LogTime, parseLogTime } from '../LogTime';
import { WrittenLogEntry } from '../api';
import { jsonToStruct, structToJson, WireStruct } from './struct';

/** `google.protobuf.Timestamp` on the wire; proto-loader gives int64 as a string (`longs: String`). */
export type WireTimestamp = { seconds?: string | number; nanos?: number };

/** `google.logging.v2.LogEntry` as proto-loader decodes and encodes it. */
export type WireLogEntry = {
  logName?: string;
  resource?: MonitoredResource;
  timestamp?: WireTimestamp;
  receiveTimestamp?: WireTimestamp;
  severity?: string;
  insertId?: string;
  labels?: Record<string, string>;
  jsonPayload?: WireStruct;
  textPayload?: string;
  trace?: string;
  spanId?: string;
  traceSampled?: boolean;
  httpRequest?: JsonObject;
  operation?: JsonObject;
  sourceLocation?: JsonObject;
  split?: JsonObject;
};

/** A written entry in JSON form. `protoPayload` is not supported and dropped. */
export function logEntryFromWire(wire: WireLogEntry): WrittenLogEntry {
  const entry: WrittenLogEntry = {};
  copyText(wire, entry, [
    'logName',
    'insertId',
    'textPayload',
    'trace',
    'spanId',
  ]);
  if (wire.resource?.type) {
    entry.resource = {
      type: wire.resource.type,
      ...(wire.resource.labels && Object.keys(wire.resource.labels).length > 0
        ? { labels: { ...wire.resource.labels } }
        : {}),
    };
  }
  if (wire.timestamp) {
    entry.timestamp = formatLogTime(timeFromWire(wire.timestamp));
  }
  if (wire.receiveTimestamp) {
    entry.receiveTimestamp = formatLogTime(timeFromWire(wire.receiveTimestamp));
  }
  if (wire.severity && wire.severity !== 'DEFAULT') {
    entry.severity = wire.severity;
  }
  if (wire.labels && Object.keys(wire.labels).length > 0) {
    entry.labels = { ...wire.labels };
  }
  if (wire.jsonPayload) {
    entry.jsonPayload = structToJson(wire.jsonPayload);
  }
  if (wire.traceSampled) {
    entry.traceSampled = true;
  }
  for (const key of [
    'httpRequest',
    'operation',
    'sourceLocation',
    'split',
  ] as const) {
    if (wire[key]) {
      entry[key] = wire[key];
    }
  }
  return entry;
}

/** A stored entry as the wire carries it. */
export function logEntryToWire(entry: LogEntryJson): WireLogEntry {
  const { timestamp, receiveTimestamp, jsonPayload, ...rest } = entry;
  const wire: WireLogEntry = { ...rest };
  if (timestamp) {
    wire.timestamp = timeToWire(timestamp);
  }
  if (receiveTimestamp) {
    wire.receiveTimestamp = timeToWire(receiveTimestamp);
  }
  if (jsonPayload) {
    wire.jsonPayload = jsonToStruct(jsonPayload);
  }
  return wire;
}

function timeFromWire(wire: WireTimestamp): LogTime {
  return { seconds: Number(wire.seconds ?? 0), nanos: wire.nanos ?? 0 };
}

function timeToWire(text: string): WireTimestamp | undefined {
  const time = parseLogTime(text);
  return time
    ? { seconds: String(time.seconds), nanos: time.nanos }
    : undefined;
}

function copyText(
  from: WireLogEntry,
  to: WrittenLogEntry,
  keys: Array<'logName' | 'insertId' | 'textPayload' | 'trace' | 'spanId'>,
): void {
  for (const key of keys) {
    const value = from[key];
    if (value) {
      to[key] = value;
    }
  }
}
