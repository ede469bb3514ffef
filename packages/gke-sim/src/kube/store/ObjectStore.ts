import { randomUUID } from 'node:crypto';
import { Clock } from '../../clock';
import { KubeError } from '../KubeError';
import { jsonEqual, KubeObject } from '../objects';
import { ResourceType, RESOURCE_TYPES } from '../resources';

/** A change to a stored object, as watches and controllers see it. */
export type StoreEvent = {
  type: 'ADDED' | 'MODIFIED' | 'DELETED';
  resource: ResourceType;
  object: KubeObject;
  resourceVersion: number;
};

export type StoreListener = (event: StoreEvent) => void;

/** How many recent events a watch can resume from. */
const HISTORY_SIZE = 1000;

/** `namespace/name`, or `name` for cluster-scoped objects; also the LIST order. */
export function objectKey(namespace: string | undefined, name: string): string {
  return namespace ? `${namespace}/${name}` : name;
}

class ResourceTable {
  readonly objects = new Map<string, KubeObject>();
  #sortedKeys: string[] | undefined;

  sortedKeys(): string[] {
    if (!this.#sortedKeys) {
      this.#sortedKeys = [...this.objects.keys()].sort(compareKeys);
    }
    return this.#sortedKeys;
  }

  set(key: string, object: KubeObject) {
    if (!this.objects.has(key)) {
      this.#sortedKeys = undefined;
    }
    this.objects.set(key, object);
  }

  delete(key: string) {
    if (this.objects.delete(key)) {
      this.#sortedKeys = undefined;
    }
  }
}

function compareKeys(a: string, b: string): number {
  if (a < b) {
    return -1;
  }
  return a > b ? 1 : 0;
}

/**
 * The objects of one cluster, like etcd behind the API server: one
 * resourceVersion counter, uid and timestamps on create, generation on spec
 * change, and a stream of events for watches and controllers. Stored objects
 * are replaced on every write, never changed in place, so callers may keep
 * references to what they read.
 */
export class ObjectStore {
  readonly #clock: Clock;
  readonly #tables = new Map<ResourceType, ResourceTable>();
  readonly #listeners = new Set<StoreListener>();
  readonly #history: StoreEvent[] = [];
  #resourceVersion = 1;

  static create(options: { clock: Clock }): ObjectStore {
    return new ObjectStore(options.clock);
  }

  private constructor(clock: Clock) {
    this.#clock = clock;
    for (const resource of RESOURCE_TYPES) {
      this.#tables.set(resource, new ResourceTable());
    }
  }

  /** The latest resourceVersion written, as LIST answers carry it. */
  get resourceVersion(): string {
    return String(this.#resourceVersion);
  }

  get(
    resource: ResourceType,
    namespace: string | undefined,
    name: string,
  ): KubeObject | undefined {
    return this.#table(resource).objects.get(
      objectKey(resource.namespaced ? namespace : undefined, name),
    );
  }

  /** Objects in key order; all namespaces when `namespace` is undefined. */
  list(resource: ResourceType, namespace?: string): KubeObject[] {
    const table = this.#table(resource);
    const keys = table.sortedKeys();
    const objects: KubeObject[] = [];
    if (namespace === undefined || !resource.namespaced) {
      for (const key of keys) {
        objects.push(table.objects.get(key)!);
      }
      return objects;
    }
    const prefix = `${namespace}/`;
    for (let i = lowerBound(keys, prefix); i < keys.length; i++) {
      if (!keys[i].startsWith(prefix)) {
        break;
      }
      objects.push(table.objects.get(keys[i])!);
    }
    return objects;
  }

  /** How many objects of a type are stored. */
  count(resource: ResourceType): number {
    return this.#table(resource).objects.size;
  }

  /**
   * Stores a new object, filling in uid, creationTimestamp, resourceVersion
   * and generation. With `dryRun` it answers the same and stores nothing.
   */
  create(
    resource: ResourceType,
    object: KubeObject,
    options: { dryRun?: boolean } = {},
  ): KubeObject {
    const name = object.metadata.name!;
    const namespace = resource.namespaced
      ? object.metadata.namespace
      : undefined;
    const key = objectKey(namespace, name);
    if (this.#table(resource).objects.has(key)) {
      throw KubeError.alreadyExists(resource, name);
    }
    const {
      resourceVersion: _ignored,
      deletionTimestamp: _deleting,
      ...metadata
    } = object.metadata;
    const created: KubeObject = {
      ...object,
      metadata: {
        ...metadata,
        ...(namespace ? { namespace } : {}),
        uid: randomUUID(),
        resourceVersion: options.dryRun
          ? undefined
          : String(this.#resourceVersion + 1),
        ...(resource.hasGeneration ? { generation: 1 } : {}),
        creationTimestamp: this.#timestamp(),
      },
    };
    if (!options.dryRun) {
      this.#write(resource, key, created, 'ADDED');
    }
    return created;
  }

  /**
   * Replaces a stored object. A write that changes nothing is not a write:
   * the resourceVersion stays. `metadata.resourceVersion` on the new object,
   * when set, must match the stored one (optimistic concurrency).
   */
  replace(
    resource: ResourceType,
    object: KubeObject,
    options: { dryRun?: boolean } = {},
  ): KubeObject {
    const name = object.metadata.name!;
    const current = this.get(resource, object.metadata.namespace, name);
    if (!current) {
      throw KubeError.notFound(resource, name);
    }
    const expected = object.metadata.resourceVersion;
    if (expected && expected !== current.metadata.resourceVersion) {
      throw KubeError.conflict(
        resource,
        name,
        'the object has been modified; please apply your changes to the latest version and try again',
      );
    }
    const metadata = {
      ...object.metadata,
      // Identity and bookkeeping are the store's, whatever the writer sent.
      namespace: current.metadata.namespace,
      uid: current.metadata.uid,
      creationTimestamp: current.metadata.creationTimestamp,
      resourceVersion: current.metadata.resourceVersion,
      generation: current.metadata.generation,
      deletionTimestamp:
        current.metadata.deletionTimestamp ?? object.metadata.deletionTimestamp,
    };
    dropUndefined(metadata);
    const next: KubeObject = { ...object, metadata };
    if (jsonEqual(next, current)) {
      return current;
    }
    if (resource.hasGeneration && specChanged(current, next)) {
      metadata.generation = (current.metadata.generation ?? 0) + 1;
    }
    if (options.dryRun) {
      return next;
    }
    metadata.resourceVersion = String(this.#resourceVersion + 1);
    this.#write(
      resource,
      objectKey(current.metadata.namespace, name),
      next,
      'MODIFIED',
    );
    return next;
  }

  /** Removes an object at once (no grace period); undefined when absent. */
  remove(
    resource: ResourceType,
    namespace: string | undefined,
    name: string,
  ): KubeObject | undefined {
    const current = this.get(resource, namespace, name);
    if (!current) {
      return undefined;
    }
    const removed: KubeObject = {
      ...current,
      metadata: {
        ...current.metadata,
        resourceVersion: String(this.#resourceVersion + 1),
      },
    };
    this.#write(
      resource,
      objectKey(current.metadata.namespace, name),
      removed,
      'DELETED',
    );
    return removed;
  }

  /** Calls `listener` after every write; returns the function that stops it. */
  subscribe(listener: StoreListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /**
   * The events after `resourceVersion`, for a watch that resumes; undefined
   * when they are no longer kept (the client must LIST again: 410 Gone).
   */
  eventsSince(resourceVersion: number): StoreEvent[] | undefined {
    if (resourceVersion >= this.#resourceVersion) {
      return [];
    }
    const oldest = this.#history[0]?.resourceVersion ?? this.#resourceVersion;
    if (resourceVersion < oldest - 1) {
      return undefined;
    }
    return this.#history.filter(e => e.resourceVersion > resourceVersion);
  }

  #write(
    resource: ResourceType,
    key: string,
    object: KubeObject,
    type: StoreEvent['type'],
  ) {
    this.#resourceVersion += 1;
    const table = this.#table(resource);
    if (type === 'DELETED') {
      table.delete(key);
    } else {
      table.set(key, object);
    }
    const event = {
      type,
      resource,
      object,
      resourceVersion: this.#resourceVersion,
    };
    this.#history.push(event);
    if (this.#history.length > HISTORY_SIZE * 2) {
      this.#history.splice(0, HISTORY_SIZE);
    }
    for (const listener of this.#listeners) {
      listener(event);
    }
  }

  #table(resource: ResourceType): ResourceTable {
    const table = this.#tables.get(resource);
    if (!table) {
      throw new Error(`The store does not hold ${resource.plural}`);
    }
    return table;
  }

  #timestamp(): string {
    // Kubernetes timestamps have whole seconds.
    return `${this.#clock.now().toISOString().slice(0, 19)}Z`;
  }
}

/** Everything but metadata and status is spec, for generation purposes. */
function specChanged(current: KubeObject, next: KubeObject): boolean {
  const keys = new Set([...Object.keys(current), ...Object.keys(next)]);
  for (const key of keys) {
    if (key === 'metadata' || key === 'status') {
      continue;
    }
    if (!jsonEqual(current[key], next[key])) {
      return true;
    }
  }
  return false;
}

function dropUndefined(object: Record<string, unknown>) {
  for (const key of Object.keys(object)) {
    if (object[key] === undefined) {
      delete object[key];
    }
  }
}

function lowerBound(sorted: string[], value: string): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle] < value) {
      low = middle + 1;
    } else {
      high = middle;
    }
  }
  return low;
}
