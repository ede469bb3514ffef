import { JsonObject, JsonValue } from '../LogEntryJson';

/** `google.protobuf.Value` as @grpc/proto-loader decodes it (`oneofs: true` adds `kind`). */
export type WireValue = {
  kind?: string;
  nullValue?: string | number;
  numberValue?: number;
  stringValue?: string;
  boolValue?: boolean;
  structValue?: WireStruct;
  listValue?: { values?: WireValue[] };
};

/** `google.protobuf.Struct` on the wire. */
export type WireStruct = { fields?: Record<string, WireValue> };

/** A Struct as plain JSON (what `jsonPayload` looks like in Cloud Logging's JSON form). */
export function structToJson(struct: WireStruct | undefined): JsonObject {
  const result: JsonObject = {};
  for (const [key, value] of Object.entries(struct?.fields ?? {})) {
    result[key] = valueToJson(value);
  }
  return result;
}

/** A Value as plain JSON; an empty Value (no kind set) reads as null. */
export function valueToJson(value: WireValue): JsonValue {
  switch (value.kind ?? kindOf(value)) {
    case 'stringValue':
      return value.stringValue ?? '';
    case 'numberValue':
      return value.numberValue ?? 0;
    case 'boolValue':
      return value.boolValue ?? false;
    case 'structValue':
      return structToJson(value.structValue);
    case 'listValue':
      return (value.listValue?.values ?? []).map(valueToJson);
    default:
      return null;
  }
}

/** Plain JSON as a Struct. */
export function jsonToStruct(object: JsonObject): WireStruct {
  const fields: Record<string, WireValue> = {};
  for (const [key, value] of Object.entries(object)) {
    if (value !== undefined) {
      fields[key] = jsonToValue(value);
    }
  }
  return { fields };
}

/** A plain JSON value as a Value. */
export function jsonToValue(value: JsonValue): WireValue {
  if (value === null) {
    return { nullValue: 'NULL_VALUE' };
  }
  if (Array.isArray(value)) {
    return { listValue: { values: value.map(jsonToValue) } };
  }
  switch (typeof value) {
    case 'string':
      return { stringValue: value };
    case 'number':
      return { numberValue: value };
    case 'boolean':
      return { boolValue: value };
    default:
      return { structValue: jsonToStruct(value) };
  }
}

/** Which field of a Value is set, for Values decoded without `kind`. */
function kindOf(value: WireValue): string | undefined {
  const kinds = [
    'stringValue',
    'numberValue',
    'boolValue',
    'structValue',
    'listValue',
  ] as const;
  return kinds.find(kind => value[kind] !== undefined);
}
