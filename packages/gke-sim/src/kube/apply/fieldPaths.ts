import {
  FieldsV1,
  isJsonObject,
  jsonClone,
  JsonObject,
  KubeObject,
} from '../objects';
import { ResourceType } from '../resources';

/**
 * A field path in the segments of the real `fieldsV1` format (`f:spec`,
 * `k:{"name":"agent"}`, `.` for a list item itself), joined by newlines so a
 * set of paths is a plain `Set<string>`.
 */
export type FieldPath = string;

/** The metadata fields that appliers own; the rest of metadata is the server's. */
export const MANAGED_METADATA_FIELDS = [
  'labels',
  'annotations',
  'ownerReferences',
  'finalizers',
] as const;

const SEPARATOR = '\n';

/** Lists that merge by key instead of being replaced as a whole. */
const LIST_KEYS: Record<string, string[]> = {
  containers: ['name'],
  initContainers: ['name'],
  ephemeralContainers: ['name'],
  volumes: ['name'],
  env: ['name'],
  imagePullSecrets: ['name'],
  volumeMounts: ['mountPath'],
  ports: ['containerPort'],
  ownerReferences: ['uid'],
};

/** The key fields of a list field, or undefined when the list is atomic. */
export function listKeyFields(fieldName: string): string[] | undefined {
  return LIST_KEYS[fieldName];
}

/**
 * Merges `items` into a keyed list: an item whose key is already there is
 * merged into it with `mergeItem`, a new one is appended. Strategic merge
 * patch and server-side apply both treat keyed lists this way.
 */
export function mergeKeyedList(
  target: unknown[],
  items: unknown[],
  keys: string[],
  mergeItem: (existing: unknown, item: unknown) => unknown,
): unknown[] {
  const result = [...target];
  for (const item of items) {
    const segment = itemSegment(item, keys);
    const index = result.findIndex(
      existing => itemSegment(existing, keys) === segment,
    );
    if (index >= 0) {
      result[index] = mergeItem(result[index], item);
    } else {
      result.push(jsonClone(item));
    }
  }
  return result;
}

/** The key segment of a keyed list item, e.g. `k:{"name":"agent"}`. */
export function itemSegment(item: unknown, keys: string[]): string {
  const key: JsonObject = {};
  for (const field of keys) {
    key[field] = isJsonObject(item) ? item[field] : undefined;
  }
  return `k:${JSON.stringify(key)}`;
}

/**
 * The part of an object that field managers can own: everything but
 * identity, bookkeeping metadata and (for resources with a status
 * subresource) the status.
 */
export function managedPart(
  object: KubeObject,
  resource: ResourceType,
): JsonObject {
  const part: JsonObject = {};
  for (const [key, value] of Object.entries(object)) {
    if (key === 'apiVersion' || key === 'kind' || key === 'metadata') {
      continue;
    }
    if (key === 'status' && resource.hasStatus) {
      continue;
    }
    part[key] = value;
  }
  const metadata: JsonObject = {};
  for (const key of MANAGED_METADATA_FIELDS) {
    if (object.metadata[key] !== undefined) {
      metadata[key] = object.metadata[key];
    }
  }
  if (Object.keys(metadata).length > 0) {
    part.metadata = metadata;
  }
  return part;
}

/** Every leaf path of a value: scalars, atomic lists, empty maps and list items. */
export function fieldSetOf(value: JsonObject): Set<FieldPath> {
  const paths = new Set<FieldPath>();
  collect(value, '', undefined, paths);
  return paths;
}

function collect(
  value: unknown,
  path: string,
  fieldName: string | undefined,
  paths: Set<FieldPath>,
) {
  if (isJsonObject(value) && Object.keys(value).length > 0) {
    for (const [key, child] of Object.entries(value)) {
      if (child !== undefined && child !== null) {
        collect(child, join(path, `f:${key}`), key, paths);
      }
    }
    return;
  }
  const keys = fieldName ? listKeyFields(fieldName) : undefined;
  if (Array.isArray(value) && keys) {
    for (const item of value) {
      const itemPath = join(path, itemSegment(item, keys));
      paths.add(join(itemPath, '.'));
      collect(item, itemPath, undefined, paths);
    }
    return;
  }
  paths.add(path);
}

function join(path: string, segment: string): string {
  return path ? `${path}${SEPARATOR}${segment}` : segment;
}

export function segmentsOf(path: FieldPath): string[] {
  return path.split(SEPARATOR);
}

/** The path of the list item (or map) that holds `path`'s last segment. */
export function parentOf(path: FieldPath): FieldPath {
  const index = path.lastIndexOf(SEPARATOR);
  return index < 0 ? '' : path.slice(0, index);
}

/** Whether `path` is `prefix` or lies under it. */
export function isWithin(path: FieldPath, prefix: FieldPath): boolean {
  return path === prefix || path.startsWith(`${prefix}${SEPARATOR}`);
}

/** `.spec.template.spec.containers[name="agent"].image`, as conflict messages print it. */
export function describePath(path: FieldPath): string {
  let text = '';
  for (const segment of segmentsOf(path)) {
    if (segment.startsWith('f:')) {
      text += `.${segment.slice(2)}`;
    } else if (segment.startsWith('k:')) {
      const key = JSON.parse(segment.slice(2)) as JsonObject;
      text += `[${Object.entries(key)
        .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
        .join(',')}]`;
    }
  }
  return text;
}

/** The value at a path; `found` is false when some segment is missing. */
export function valueAt(
  root: unknown,
  path: FieldPath,
): { found: boolean; value?: unknown } {
  let current: unknown = root;
  let fieldName: string | undefined;
  for (const segment of segmentsOf(path)) {
    if (segment === '.') {
      break;
    }
    if (segment.startsWith('f:')) {
      fieldName = segment.slice(2);
      if (!isJsonObject(current) || !(fieldName in current)) {
        return { found: false };
      }
      current = current[fieldName];
    } else {
      const keys = fieldName ? listKeyFields(fieldName) : undefined;
      if (!Array.isArray(current) || !keys) {
        return { found: false };
      }
      current = current.find(item => itemSegment(item, keys) === segment);
      if (current === undefined) {
        return { found: false };
      }
    }
  }
  return { found: true, value: current };
}

/**
 * Removes the field (or, for a `.` path, the list item) at `path` from
 * `root` in place, then drops maps and lists that became empty.
 */
export function removeAt(root: JsonObject, path: FieldPath) {
  const segments = segmentsOf(path);
  const trail: Array<{ container: unknown; at: string | number }> = [];
  let current: unknown = root;
  let fieldName: string | undefined;
  const last =
    segments[segments.length - 1] === '.'
      ? segments.length - 2
      : segments.length - 1;
  for (let i = 0; i <= last; i++) {
    const segment = segments[i];
    if (segment.startsWith('f:')) {
      fieldName = segment.slice(2);
      if (!isJsonObject(current) || !(fieldName in current)) {
        return;
      }
      trail.push({ container: current, at: fieldName });
      current = current[fieldName];
    } else {
      const keys = fieldName ? listKeyFields(fieldName) : undefined;
      if (!Array.isArray(current) || !keys) {
        return;
      }
      const index = current.findIndex(
        item => itemSegment(item, keys) === segment,
      );
      if (index < 0) {
        return;
      }
      trail.push({ container: current, at: index });
      current = current[index];
    }
  }
  for (let i = trail.length - 1; i >= 0; i--) {
    const { container, at } = trail[i];
    if (
      i < trail.length - 1 &&
      !isEmpty(
        Array.isArray(container)
          ? container[at as number]
          : (container as JsonObject)[at as string],
      )
    ) {
      break;
    }
    if (Array.isArray(container)) {
      container.splice(at as number, 1);
    } else {
      delete (container as JsonObject)[at as string];
    }
    // Top-level sections stay even when emptied.
    if (i <= 1) {
      break;
    }
  }
}

function isEmpty(value: unknown): boolean {
  return (
    (Array.isArray(value) && value.length === 0) ||
    (isJsonObject(value) && Object.keys(value).length === 0)
  );
}

/** The `fieldsV1` tree of a set of paths. */
export function toFieldsV1(paths: Set<FieldPath>): FieldsV1 {
  const tree: FieldsV1 = {};
  for (const path of [...paths].sort()) {
    let node = tree;
    for (const segment of segmentsOf(path)) {
      node[segment] ??= {};
      node = node[segment];
    }
  }
  return tree;
}

/** The set of paths of a `fieldsV1` tree (its leaves). */
export function fromFieldsV1(tree: FieldsV1 | undefined): Set<FieldPath> {
  const paths = new Set<FieldPath>();
  const walk = (node: FieldsV1, path: string) => {
    const segments = Object.keys(node);
    if (segments.length === 0) {
      if (path) {
        paths.add(path);
      }
      return;
    }
    for (const segment of segments) {
      walk(node[segment], join(path, segment));
    }
  };
  walk(tree ?? {}, '');
  return paths;
}
