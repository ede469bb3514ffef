import {
  CONFIGMAPS,
  DAEMONSETS,
  KubeObject,
  NAMESPACES,
  ObjectStore,
  PODS,
} from '../kube';
import { Timeline } from './Timeline';

/** The namespaces every cluster starts with. */
export const SYSTEM_NAMESPACES = [
  'default',
  'kube-node-lease',
  'kube-public',
  'kube-system',
];

/**
 * Finishes namespace deletion: a namespace marked Terminating is emptied
 * after a short delay (DaemonSets first, then what is left) and removed.
 */
export class NamespaceLifecycle {
  readonly #store: ObjectStore;
  readonly #delayMs: number;
  readonly #pending = new Set<string>();
  #timeline = Timeline.create();
  #unsubscribe: (() => void) | undefined;

  static create(options: {
    store: ObjectStore;
    delayMs: number;
  }): NamespaceLifecycle {
    return new NamespaceLifecycle(options.store, options.delayMs);
  }

  private constructor(store: ObjectStore, delayMs: number) {
    this.#store = store;
    this.#delayMs = delayMs;
  }

  start() {
    if (this.#unsubscribe) {
      return;
    }
    this.#timeline = Timeline.create();
    this.#unsubscribe = this.#store.subscribe(event => {
      if (event.resource === NAMESPACES && event.type !== 'DELETED') {
        this.#consider(event.object);
      }
    });
    for (const namespace of this.#store.list(NAMESPACES)) {
      this.#consider(namespace);
    }
  }

  stop() {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    this.#timeline.stop();
    this.#pending.clear();
  }

  #consider(namespace: KubeObject) {
    const name = namespace.metadata.name!;
    if (!namespace.metadata.deletionTimestamp || this.#pending.has(name)) {
      return;
    }
    this.#pending.add(name);
    this.#timeline.after(this.#delayMs, () => {
      for (const resource of [DAEMONSETS, CONFIGMAPS, PODS]) {
        for (const object of this.#store.list(resource, name)) {
          this.#store.remove(resource, name, object.metadata.name!);
        }
      }
      this.#store.remove(NAMESPACES, undefined, name);
      this.#pending.delete(name);
    });
  }
}
