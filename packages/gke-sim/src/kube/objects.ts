/** The shapes of Kubernetes objects as the simulator stores and serves them. */

export type OwnerReference = {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
};

export type ManagedFieldsEntry = {
  manager: string;
  operation: 'Apply' | 'Update';
  apiVersion: string;
  time: string;
  fieldsType: 'FieldsV1';
  fieldsV1: FieldsV1;
  subresource?: string;
};

/** The `f:`/`k:` tree that records which fields a manager owns. */
export type FieldsV1 = { [segment: string]: FieldsV1 };

export type ObjectMeta = {
  name?: string;
  generateName?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: OwnerReference[];
  finalizers?: string[];
  managedFields?: ManagedFieldsEntry[];
};

/** Any Kubernetes object; kinds keep their fields as plain JSON. */
export type KubeObject = {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  [field: string]: unknown;
};

/** A JSON object, as found inside a Kubernetes object. */
export type JsonObject = { [key: string]: unknown };

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Structural equality of JSON values (key order does not matter). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) {
    return true;
  }
  if (Array.isArray(a)) {
    return (
      Array.isArray(b) &&
      a.length === b.length &&
      a.every((item, index) => jsonEqual(item, b[index]))
    );
  }
  if (isJsonObject(a) && isJsonObject(b)) {
    const keys = Object.keys(a).filter(key => a[key] !== undefined);
    const otherKeys = Object.keys(b).filter(key => b[key] !== undefined);
    return (
      keys.length === otherKeys.length &&
      keys.every(key => jsonEqual(a[key], b[key]))
    );
  }
  return false;
}

/** A deep copy of a JSON value; stored objects are never shared with callers that mutate. */
export function jsonClone<T>(value: T): T {
  return structuredClone(value);
}
