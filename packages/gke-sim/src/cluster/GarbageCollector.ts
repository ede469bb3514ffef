import { DAEMONSETS, ObjectStore, PODS } from '../kube';
import { Timeline } from './Timeline';

/**
 * Background cascading deletion: when a DaemonSet goes, so do the pods that
 * name it as their owner. Runs after the delete, like the real collector.
 */
export class GarbageCollector {
  readonly #store: ObjectStore;
  #timeline = Timeline.create();
  #unsubscribe: (() => void) | undefined;

  static create(options: { store: ObjectStore }): GarbageCollector {
    return new GarbageCollector(options.store);
  }

  private constructor(store: ObjectStore) {
    this.#store = store;
  }

  start() {
    if (this.#unsubscribe) {
      return;
    }
    this.#timeline = Timeline.create();
    this.#unsubscribe = this.#store.subscribe(event => {
      if (event.resource === DAEMONSETS && event.type === 'DELETED') {
        const { namespace, uid } = event.object.metadata;
        this.#timeline.after(0, () => this.#collect(namespace!, uid!));
      }
    });
  }

  stop() {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    this.#timeline.stop();
  }

  #collect(namespace: string, ownerUid: string) {
    for (const pod of this.#store.list(PODS, namespace)) {
      if (pod.metadata.ownerReferences?.some(o => o.uid === ownerUid)) {
        this.#store.remove(PODS, namespace, pod.metadata.name!);
      }
    }
  }
}
