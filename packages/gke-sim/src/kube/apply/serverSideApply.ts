import { KubeError } from '../KubeError';
import {
  isJsonObject,
  jsonClone,
  jsonEqual,
  JsonObject,
  KubeObject,
  ManagedFieldsEntry,
} from '../objects';
import { apiVersionOf, ResourceType } from '../resources';
import {
  describePath,
  FieldPath,
  fieldSetOf,
  fromFieldsV1,
  isWithin,
  listKeyFields,
  MANAGED_METADATA_FIELDS,
  mergeKeyedList,
  managedPart,
  parentOf,
  removeAt,
  toFieldsV1,
  valueAt,
} from './fieldPaths';

/** One manager's claim: the fields it set with one kind of operation. */
type Ownership = {
  entry: ManagedFieldsEntry;
  fields: Set<FieldPath>;
};

export type ApplyOptions = {
  resource: ResourceType;
  /** The stored object, or undefined when the apply creates it. */
  live: KubeObject | undefined;
  /** The configuration the manager applies (the request body). */
  applied: KubeObject;
  manager: string;
  force: boolean;
  /** Timestamp for the managedFields entry. */
  now: string;
};

/**
 * Server-side apply: merges a manager's configuration into the live object,
 * removes the fields the manager stopped applying (unless another manager
 * owns them), and refuses to change fields another manager owns with a
 * different value unless forced. Returns the object to store; a re-apply of
 * the same configuration returns an object equal to the live one.
 */
export function applyConfiguration(options: ApplyOptions): KubeObject {
  const { resource, live, applied, manager, force, now } = options;
  const appliedPart = stripNulls(managedPart(applied, resource)) as JsonObject;
  const appliedFields = fieldSetOf(appliedPart);
  const liveObject: KubeObject = live ?? {
    apiVersion: applied.apiVersion,
    kind: applied.kind,
    metadata: {
      name: applied.metadata.name,
      ...(applied.metadata.namespace
        ? { namespace: applied.metadata.namespace }
        : {}),
    },
  };
  const livePart = managedPart(liveObject, resource);
  const owners = ownershipOf(liveObject);
  const isMine = (o: Ownership) =>
    o.entry.manager === manager && o.entry.operation === 'Apply';

  const conflicts: Array<{ path: FieldPath; manager: string }> = [];
  for (const other of owners.filter(o => !isMine(o))) {
    for (const path of appliedFields) {
      if (path.endsWith('.') || !other.fields.has(path)) {
        continue;
      }
      const current = valueAt(livePart, path);
      if (
        current.found &&
        jsonEqual(current.value, valueAt(appliedPart, path).value)
      ) {
        continue;
      }
      if (force) {
        other.fields.delete(path);
      } else {
        conflicts.push({ path, manager: other.entry.manager });
      }
    }
  }
  if (conflicts.length > 0) {
    throw conflictError(resource, applied.metadata.name ?? '', conflicts);
  }

  const merged = mergeApplied(jsonClone(livePart), appliedPart) as JsonObject;
  const mine = owners.find(isMine);
  const others = owners.filter(o => !isMine(o));
  for (const path of mine?.fields ?? []) {
    if (appliedFields.has(path)) {
      continue;
    }
    const held = path.endsWith('.') ? parentOf(path) : path;
    const ownedElsewhere =
      others.some(o => [...o.fields].some(f => isWithin(f, held))) ||
      (path.endsWith('.') && [...appliedFields].some(f => isWithin(f, held)));
    if (!ownedElsewhere) {
      removeAt(merged, path);
    }
  }

  const entries: ManagedFieldsEntry[] = [];
  for (const owner of owners) {
    if (isMine(owner)) {
      entries.push(
        sameFields(owner.fields, appliedFields)
          ? owner.entry
          : entryFor(manager, 'Apply', resource, now, appliedFields),
      );
    } else if (owner.fields.size > 0) {
      entries.push(
        sameFields(owner.fields, fromFieldsV1(owner.entry.fieldsV1))
          ? owner.entry
          : { ...owner.entry, fieldsV1: toFieldsV1(owner.fields) },
      );
    }
  }
  if (!mine) {
    entries.push(entryFor(manager, 'Apply', resource, now, appliedFields));
  }
  return assemble(liveObject, merged, entries);
}

/**
 * Records an update (create, PUT, merge patch) by `manager`: it takes every
 * field it changed from whoever owned it, as updates always force.
 */
export function recordUpdate(options: {
  resource: ResourceType;
  before: KubeObject | undefined;
  after: KubeObject;
  manager: string;
  now: string;
}): KubeObject {
  const { resource, before, after, manager, now } = options;
  const beforePart = before ? managedPart(before, resource) : {};
  const afterPart = managedPart(after, resource);
  const beforeFields = fieldSetOf(beforePart);
  const afterFields = fieldSetOf(afterPart);
  const changed = new Set<FieldPath>();
  for (const path of afterFields) {
    if (!beforeFields.has(path)) {
      changed.add(path);
    } else if (!path.endsWith('.')) {
      if (
        !jsonEqual(
          valueAt(beforePart, path).value,
          valueAt(afterPart, path).value,
        )
      ) {
        changed.add(path);
      }
    }
  }
  const gone = [...beforeFields].filter(path => !afterFields.has(path));
  const owners = ownershipOf(before ?? after);
  if (changed.size === 0 && gone.length === 0) {
    return {
      ...after,
      metadata: {
        ...after.metadata,
        managedFields: before?.metadata.managedFields,
      },
    };
  }
  const isMine = (o: Ownership) =>
    o.entry.manager === manager && o.entry.operation === 'Update';
  const entries: ManagedFieldsEntry[] = [];
  let mine: Set<FieldPath> | undefined;
  for (const owner of owners) {
    for (const path of gone) {
      owner.fields.delete(path);
    }
    if (isMine(owner)) {
      mine = new Set([...owner.fields, ...changed]);
      continue;
    }
    for (const path of changed) {
      owner.fields.delete(path);
    }
    if (owner.fields.size > 0) {
      entries.push({ ...owner.entry, fieldsV1: toFieldsV1(owner.fields) });
    }
  }
  mine ??= changed;
  if (mine.size > 0) {
    entries.push(entryFor(manager, 'Update', resource, now, mine));
  }
  const managedFields = entries.length > 0 ? entries : undefined;
  return { ...after, metadata: { ...after.metadata, managedFields } };
}

function ownershipOf(object: KubeObject): Ownership[] {
  return (object.metadata.managedFields ?? []).map(entry => ({
    entry,
    fields: fromFieldsV1(entry.fieldsV1),
  }));
}

function entryFor(
  manager: string,
  operation: 'Apply' | 'Update',
  resource: ResourceType,
  now: string,
  fields: Set<FieldPath>,
): ManagedFieldsEntry {
  return {
    manager,
    operation,
    apiVersion: apiVersionOf(resource),
    time: now,
    fieldsType: 'FieldsV1',
    fieldsV1: toFieldsV1(fields),
  };
}

function sameFields(a: Set<FieldPath>, b: Set<FieldPath>): boolean {
  return a.size === b.size && [...a].every(path => b.has(path));
}

/** Deep merge where keyed lists merge item by item and other lists are replaced. */
function mergeApplied(
  live: unknown,
  applied: unknown,
  fieldName?: string,
): unknown {
  if (isJsonObject(live) && isJsonObject(applied)) {
    const result: JsonObject = { ...live };
    for (const [key, value] of Object.entries(applied)) {
      result[key] = mergeApplied(live[key], value, key);
    }
    return result;
  }
  const keys = fieldName ? listKeyFields(fieldName) : undefined;
  if (Array.isArray(live) && Array.isArray(applied) && keys) {
    return mergeKeyedList(live, applied, keys, (existing, item) =>
      mergeApplied(existing, item),
    );
  }
  return jsonClone(applied);
}

/** Applied configurations do not set fields to null; they leave them out. */
function stripNulls(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(stripNulls);
  }
  if (isJsonObject(value)) {
    const result: JsonObject = {};
    for (const [key, child] of Object.entries(value)) {
      if (child !== null && child !== undefined) {
        result[key] = stripNulls(child);
      }
    }
    return result;
  }
  return value;
}

function assemble(
  live: KubeObject,
  merged: JsonObject,
  managedFields: ManagedFieldsEntry[],
): KubeObject {
  const { metadata: mergedMetadata, ...rest } = merged;
  const metadata: KubeObject['metadata'] = { ...live.metadata };
  for (const key of MANAGED_METADATA_FIELDS) {
    delete metadata[key];
  }
  const result: KubeObject = {
    apiVersion: live.apiVersion,
    kind: live.kind,
    metadata: {
      ...metadata,
      ...(isJsonObject(mergedMetadata) ? mergedMetadata : {}),
      managedFields,
    },
    ...rest,
  };
  if (live.status !== undefined && result.status === undefined) {
    result.status = live.status;
  }
  return result;
}

function conflictError(
  resource: ResourceType,
  name: string,
  conflicts: Array<{ path: FieldPath; manager: string }>,
): KubeError {
  const version = apiVersionOf(resource);
  const lines =
    conflicts.length === 1
      ? `conflict with "${
          conflicts[0].manager
        }" using ${version}: ${describePath(conflicts[0].path)}`
      : groupByManager(conflicts)
          .map(
            ([owner, paths]) =>
              `conflicts with "${owner}" using ${version}:\n${paths
                .map(p => `- ${describePath(p)}`)
                .join('\n')}`,
          )
          .join('\n');
  const count = conflicts.length;
  return new KubeError(
    409,
    'Conflict',
    `Apply failed with ${count} conflict${count === 1 ? '' : 's'}: ${lines}`,
    {
      name,
      group: resource.group,
      kind: resource.plural,
      causes: conflicts.map(c => ({
        reason: 'FieldManagerConflict',
        message: `conflict with "${c.manager}" using ${version}`,
        field: describePath(c.path),
      })),
    },
  );
}

function groupByManager(
  conflicts: Array<{ path: FieldPath; manager: string }>,
): Array<[string, FieldPath[]]> {
  const groups = new Map<string, FieldPath[]>();
  for (const conflict of conflicts) {
    groups.set(conflict.manager, [
      ...(groups.get(conflict.manager) ?? []),
      conflict.path,
    ]);
  }
  return [...groups.entries()];
}
