/** A JSON value, as a `google.protobuf.Value` can hold it. */
export type JsonValue =
  | string
  | number
  | boolean
  | null
  | JsonValue[]
  | { [key: string]: JsonValue };

/** A JSON object, as a `google.protobuf.Struct` can hold it. */
export type JsonObject = { [key: string]: JsonValue };

/** `google.api.MonitoredResource` in its JSON form. */
export type MonitoredResource = {
  type: string;
  labels?: Record<string, string>;
};

/**
 * A `google.logging.v2.LogEntry` in Cloud Logging's JSON form, as
 * `entries.list` returns it and as `--log-entries` files hold it.
 * `protoPayload` is not supported by the simulator.
 */
export type LogEntryJson = {
  logName: string;
  resource: MonitoredResource;
  /** RFC 3339, up to nanoseconds. */
  timestamp?: string;
  receiveTimestamp?: string;
  insertId?: string;
  /** A `LogSeverity` name; absent means `DEFAULT`. */
  severity?: string;
  labels?: Record<string, string>;
  jsonPayload?: JsonObject;
  textPayload?: string;
  trace?: string;
  spanId?: string;
  traceSampled?: boolean;
  httpRequest?: JsonObject;
  operation?: JsonObject;
  sourceLocation?: JsonObject;
  split?: JsonObject;
};

/** A log entry as the store keeps it: every server-assigned field is set. */
export type StoredLogEntry = LogEntryJson & {
  insertId: string;
  timestamp: string;
  receiveTimestamp: string;
};
