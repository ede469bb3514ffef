import { randomBytes } from 'node:crypto';
import { Clock } from '../clock';
import { PoolFault, RolloutTiming } from '../config/types';
import {
  DAEMONSETS,
  isJsonObject,
  JsonObject,
  KubeObject,
  NAMESPACES,
  NODES,
  objectKey,
  ObjectStore,
  PODS,
  StoreEvent,
} from '../kube';
import { POOL_LABEL } from './nodeGeneration';
import { dwellMs, enterStage, nextStage } from './podLifecycle';
import { isFailing, PodProgress, podStatus } from './podStatus';
import { shouldRunOn } from './scheduling';
import { Timeline } from './Timeline';

type ManagedPod = {
  name: string;
  nodeName: string;
  pool: string;
  hostIP: string;
  revision: string;
  progress: PodProgress;
  cancel?: () => void;
};

type DaemonSetState = {
  key: string;
  namespace: string;
  name: string;
  uid: string;
  generation: number;
  observedGeneration?: number;
  /** Hash of the pod template; pods of another revision are outdated. */
  revision: string;
  templateGeneration: number;
  podSpec: JsonObject;
  podMetadata: {
    labels: Record<string, string>;
    annotations?: Record<string, string>;
  };
  maxUnavailable: number | string | undefined;
  rollingUpdate: boolean;
  /** Names of the nodes the pods should run on; recomputed when nodes or the spec change. */
  eligible?: Set<string>;
  /** Pods by node name. */
  pods: Map<string, ManagedPod>;
};

/** Decides the first init container's termination message of a node's pod, if any. */
export type InitMessageRule = (
  daemonSet: { namespace: string; name: string },
  node: KubeObject,
) => string | undefined;

/** Waits this long to gather pod transitions into one DaemonSet status write. */
const STATUS_COALESCE_MS = 5;

/**
 * The DaemonSet controller and the kubelets in one: keeps one pod per
 * matching node for every DaemonSet, moves each pod through its life on a
 * shared timeline (with the pool's faults), replaces outdated pods within
 * maxUnavailable, and writes the DaemonSet status. It reacts to store events
 * and never rescans the cluster on a timer, so it scales to 10,000 nodes.
 */
export class DaemonSetController {
  readonly #store: ObjectStore;
  readonly #timing: RolloutTiming;
  readonly #clock: Clock;
  readonly #faultOf: (pool: string) => PoolFault | undefined;
  readonly #initMessage: InitMessageRule;
  readonly #states = new Map<string, DaemonSetState>();
  /** Which DaemonSet state and node a pod (by namespace/name) belongs to. */
  readonly #podOwners = new Map<string, DaemonSetState>();
  readonly #toReconcile = new Set<DaemonSetState>();
  readonly #toReport = new Set<DaemonSetState>();
  #timeline = Timeline.create();
  #unsubscribe: (() => void) | undefined;
  #reconcileScheduled = false;
  #reportScheduled = false;

  static create(options: {
    store: ObjectStore;
    timing: RolloutTiming;
    clock: Clock;
    faultOf: (pool: string) => PoolFault | undefined;
    initMessage?: InitMessageRule;
  }): DaemonSetController {
    return new DaemonSetController(options);
  }

  private constructor(options: {
    store: ObjectStore;
    timing: RolloutTiming;
    clock: Clock;
    faultOf: (pool: string) => PoolFault | undefined;
    initMessage?: InitMessageRule;
  }) {
    this.#store = options.store;
    this.#timing = options.timing;
    this.#clock = options.clock;
    this.#faultOf = options.faultOf;
    this.#initMessage = options.initMessage ?? (() => undefined);
  }

  start() {
    if (this.#unsubscribe) {
      return;
    }
    this.#timeline = Timeline.create();
    this.#unsubscribe = this.#store.subscribe(event => this.#observe(event));
    for (const daemonSet of this.#store.list(DAEMONSETS)) {
      this.#track(daemonSet);
    }
  }

  /** Stops every pod timer; pods stay where they are. */
  stop() {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    this.#timeline.stop();
    this.#states.clear();
    this.#podOwners.clear();
    this.#toReconcile.clear();
    this.#toReport.clear();
    this.#reconcileScheduled = false;
    this.#reportScheduled = false;
  }

  /** Names of the nodes whose pod of the DaemonSet is Ready. */
  readyNodes(namespace: string, name: string): string[] {
    const state = this.#states.get(objectKey(namespace, name));
    if (!state) {
      return [];
    }
    const nodes: string[] = [];
    for (const pod of state.pods.values()) {
      if (pod.progress.stage === 'ready') {
        nodes.push(pod.nodeName);
      }
    }
    return nodes;
  }

  /** Lets pods of these pools meet their new fault (or recover from the old one) now. */
  poolFaultsChanged(pools: string[]) {
    for (const state of this.#states.values()) {
      for (const pod of state.pods.values()) {
        if (!pools.includes(pod.pool)) {
          continue;
        }
        const fault = this.#faultOf(pod.pool);
        if (
          isFailing(pod.progress.stage) ||
          (pod.progress.stage === 'ready' && fault === 'CrashLoopBackOff')
        ) {
          this.#schedule(state, pod, 0);
        }
      }
    }
  }

  #observe(event: StoreEvent) {
    if (event.resource === DAEMONSETS) {
      if (event.type === 'DELETED') {
        this.#forget(
          objectKey(
            event.object.metadata.namespace,
            event.object.metadata.name!,
          ),
        );
      } else {
        this.#track(event.object);
      }
    } else if (event.resource === NODES) {
      for (const state of this.#states.values()) {
        state.eligible = undefined;
        this.#needsReconcile(state);
      }
    } else if (event.resource === PODS && event.type === 'DELETED') {
      const key = objectKey(
        event.object.metadata.namespace,
        event.object.metadata.name!,
      );
      const state = this.#podOwners.get(key);
      if (state) {
        // Someone else deleted one of our pods: replace it.
        this.#podOwners.delete(key);
        for (const [node, pod] of state.pods) {
          if (pod.name === event.object.metadata.name) {
            pod.cancel?.();
            state.pods.delete(node);
          }
        }
        this.#needsReconcile(state);
      }
    }
  }

  #track(daemonSet: KubeObject) {
    const key = objectKey(
      daemonSet.metadata.namespace,
      daemonSet.metadata.name!,
    );
    const generation = daemonSet.metadata.generation ?? 1;
    const existing = this.#states.get(key);
    if (
      existing &&
      existing.uid === daemonSet.metadata.uid &&
      existing.generation === generation
    ) {
      return;
    }
    if (existing && existing.uid !== daemonSet.metadata.uid) {
      this.#forget(key);
    }
    const spec = (daemonSet.spec ?? {}) as JsonObject;
    const template = (
      isJsonObject(spec.template) ? spec.template : {}
    ) as JsonObject;
    const templateMetadata = (
      isJsonObject(template.metadata) ? template.metadata : {}
    ) as JsonObject;
    const revision = revisionOf(template);
    const current = this.#states.get(key);
    const templateGeneration =
      current && current.revision === revision
        ? current.templateGeneration
        : generation;
    const strategy = (
      isJsonObject(spec.updateStrategy) ? spec.updateStrategy : {}
    ) as JsonObject;
    const rollingUpdate = (
      isJsonObject(strategy.rollingUpdate) ? strategy.rollingUpdate : {}
    ) as JsonObject;
    const state: DaemonSetState = {
      key,
      namespace: daemonSet.metadata.namespace!,
      name: daemonSet.metadata.name!,
      uid: daemonSet.metadata.uid!,
      generation,
      observedGeneration: current?.observedGeneration,
      revision,
      templateGeneration,
      podSpec: (isJsonObject(template.spec) ? template.spec : {}) as JsonObject,
      podMetadata: {
        labels: {
          ...((templateMetadata.labels as Record<string, string>) ?? {}),
          'controller-revision-hash': revision,
          'pod-template-generation': String(templateGeneration),
        },
        ...(isJsonObject(templateMetadata.annotations)
          ? {
              annotations: templateMetadata.annotations as Record<
                string,
                string
              >,
            }
          : {}),
      },
      maxUnavailable: rollingUpdate.maxUnavailable as
        | number
        | string
        | undefined,
      rollingUpdate: (strategy.type ?? 'RollingUpdate') === 'RollingUpdate',
      pods: current?.pods ?? new Map(),
    };
    this.#states.set(key, state);
    for (const pod of state.pods.values()) {
      this.#podOwners.set(objectKey(state.namespace, pod.name), state);
    }
    this.#needsReconcile(state);
  }

  #forget(key: string) {
    const state = this.#states.get(key);
    if (!state) {
      return;
    }
    for (const pod of state.pods.values()) {
      pod.cancel?.();
      this.#podOwners.delete(objectKey(state.namespace, pod.name));
    }
    this.#states.delete(key);
    this.#toReconcile.delete(state);
    this.#toReport.delete(state);
  }

  #needsReconcile(state: DaemonSetState) {
    this.#toReconcile.add(state);
    if (!this.#reconcileScheduled) {
      this.#reconcileScheduled = true;
      this.#timeline.after(0, () => {
        this.#reconcileScheduled = false;
        const states = [...this.#toReconcile];
        this.#toReconcile.clear();
        for (const one of states) {
          if (this.#states.get(one.key) === one) {
            this.#reconcile(one);
          }
        }
      });
    }
  }

  #needsReport(state: DaemonSetState) {
    this.#toReport.add(state);
    if (!this.#reportScheduled) {
      this.#reportScheduled = true;
      this.#timeline.after(STATUS_COALESCE_MS, () => {
        this.#reportScheduled = false;
        const states = [...this.#toReport];
        this.#toReport.clear();
        for (const one of states) {
          if (this.#states.get(one.key) === one) {
            this.#report(one);
          }
        }
      });
    }
  }

  #reconcile(state: DaemonSetState) {
    const eligible = this.#eligible(state);
    for (const [nodeName, pod] of [...state.pods]) {
      if (!eligible.has(nodeName)) {
        this.#deletePod(state, pod);
      }
    }
    const namespace = this.#store.get(NAMESPACES, undefined, state.namespace);
    const open =
      namespace !== undefined && !namespace.metadata.deletionTimestamp;
    if (open) {
      for (const nodeName of eligible) {
        if (!state.pods.has(nodeName)) {
          this.#createPod(state, nodeName);
        }
      }
      if (state.rollingUpdate) {
        this.#rollOut(state, eligible);
      }
    }
    state.observedGeneration = state.generation;
    this.#needsReport(state);
  }

  /**
   * Replaces outdated pods: those that are not Ready anyway at once, Ready
   * ones only while fewer than maxUnavailable nodes lack a Ready pod.
   */
  #rollOut(state: DaemonSetState, eligible: Set<string>) {
    const outdated = [...state.pods.values()].filter(
      p => p.revision !== state.revision,
    );
    if (outdated.length === 0) {
      return;
    }
    const maxUnavailable = resolveMaxUnavailable(
      state.maxUnavailable,
      eligible.size,
    );
    let unavailable = 0;
    for (const nodeName of eligible) {
      if (state.pods.get(nodeName)?.progress.stage !== 'ready') {
        unavailable += 1;
      }
    }
    for (const pod of outdated) {
      if (pod.progress.stage !== 'ready') {
        this.#deletePod(state, pod);
        this.#createPod(state, pod.nodeName);
      } else if (unavailable < maxUnavailable) {
        this.#deletePod(state, pod);
        this.#createPod(state, pod.nodeName);
        unavailable += 1;
      }
    }
  }

  #eligible(state: DaemonSetState): Set<string> {
    if (!state.eligible) {
      const eligible = new Set<string>();
      for (const node of this.#store.list(NODES)) {
        if (shouldRunOn(state.podSpec, node)) {
          eligible.add(node.metadata.name!);
        }
      }
      state.eligible = eligible;
    }
    return state.eligible;
  }

  #createPod(state: DaemonSetState, nodeName: string) {
    const node = this.#store.get(NODES, undefined, nodeName);
    if (!node) {
      return;
    }
    let name: string;
    do {
      name = `${state.name}-${randomSuffix()}`;
    } while (this.#store.get(PODS, state.namespace, name));
    const pod: ManagedPod = {
      name,
      nodeName,
      pool: node.metadata.labels?.[POOL_LABEL] ?? '',
      hostIP: internalIpOf(node),
      revision: state.revision,
      progress: {
        stage: 'pending',
        restarts: 0,
        initRestarts: 0,
        startedAt: this.#now(),
        initMessage: this.#initMessage(
          { namespace: state.namespace, name: state.name },
          node,
        ),
      },
    };
    this.#store.create(PODS, {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name,
        generateName: `${state.name}-`,
        namespace: state.namespace,
        ...state.podMetadata,
        ownerReferences: [
          {
            apiVersion: 'apps/v1',
            kind: 'DaemonSet',
            name: state.name,
            uid: state.uid,
            controller: true,
            blockOwnerDeletion: true,
          },
        ],
      },
      spec: { ...state.podSpec, nodeName },
      status: this.#statusOf(state, pod),
    });
    state.pods.set(nodeName, pod);
    this.#podOwners.set(objectKey(state.namespace, name), state);
    this.#schedule(state, pod, dwellMs(pod.progress, this.#timing));
  }

  #deletePod(state: DaemonSetState, pod: ManagedPod) {
    pod.cancel?.();
    state.pods.delete(pod.nodeName);
    this.#podOwners.delete(objectKey(state.namespace, pod.name));
    this.#store.remove(PODS, state.namespace, pod.name);
  }

  #schedule(
    state: DaemonSetState,
    pod: ManagedPod,
    delayMs: number | undefined,
  ) {
    pod.cancel?.();
    pod.cancel = undefined;
    if (delayMs === undefined) {
      return;
    }
    // The DaemonSet's state is replaced on spec changes; look up the current one.
    pod.cancel = this.#timeline.after(delayMs, () => {
      const current = this.#states.get(state.key);
      if (current) {
        this.#advance(current, pod);
      }
    });
  }

  #advance(state: DaemonSetState, pod: ManagedPod) {
    pod.cancel = undefined;
    if (state.pods.get(pod.nodeName) !== pod) {
      return;
    }
    const hasInit =
      Array.isArray(state.podSpec.initContainers) &&
      state.podSpec.initContainers.length > 0;
    const wasReady = pod.progress.stage === 'ready';
    const stage = nextStage(
      pod.progress.stage,
      this.#faultOf(pod.pool),
      hasInit,
    );
    if (stage === pod.progress.stage && stage === 'ready') {
      return;
    }
    pod.progress = enterStage(pod.progress, stage, this.#now());
    const current = this.#store.get(PODS, state.namespace, pod.name);
    if (current) {
      this.#store.replace(PODS, {
        ...current,
        status: this.#statusOf(state, pod, current),
      });
    }
    this.#schedule(state, pod, dwellMs(pod.progress, this.#timing));
    if (wasReady || stage === 'ready') {
      this.#needsReport(state);
      if (state.rollingUpdate) {
        this.#needsReconcile(state);
      }
    }
  }

  #statusOf(
    state: DaemonSetState,
    pod: ManagedPod,
    current?: KubeObject,
  ): JsonObject {
    const spec =
      current && isJsonObject(current.spec) ? current.spec : state.podSpec;
    return podStatus({
      podName: pod.name,
      spec,
      progress: pod.progress,
      hostIP: pod.hostIP,
    });
  }

  #report(state: DaemonSetState) {
    const daemonSet = this.#store.get(DAEMONSETS, state.namespace, state.name);
    if (!daemonSet || daemonSet.metadata.uid !== state.uid) {
      return;
    }
    const eligible = this.#eligible(state);
    let scheduled = 0;
    let ready = 0;
    let updated = 0;
    let misscheduled = 0;
    for (const pod of state.pods.values()) {
      if (!eligible.has(pod.nodeName)) {
        misscheduled += 1;
        continue;
      }
      scheduled += 1;
      if (pod.progress.stage === 'ready') {
        ready += 1;
      }
      if (pod.revision === state.revision) {
        updated += 1;
      }
    }
    const status = {
      currentNumberScheduled: scheduled,
      desiredNumberScheduled: eligible.size,
      numberAvailable: ready,
      numberMisscheduled: misscheduled,
      numberReady: ready,
      numberUnavailable: eligible.size - ready,
      ...(state.observedGeneration !== undefined
        ? { observedGeneration: state.observedGeneration }
        : {}),
      updatedNumberScheduled: updated,
    };
    this.#store.replace(DAEMONSETS, { ...daemonSet, status });
  }

  #now(): string {
    return `${this.#clock.now().toISOString().slice(0, 19)}Z`;
  }
}

/** maxUnavailable as a pod count: an integer, or a percentage of the desired pods rounded up; at least 1. */
export function resolveMaxUnavailable(
  value: number | string | undefined,
  desired: number,
): number {
  if (typeof value === 'number') {
    return Math.max(1, value);
  }
  const percent = typeof value === 'string' ? /^(\d+)%$/.exec(value) : null;
  if (percent) {
    return Math.max(1, Math.ceil((Number(percent[1]) * desired) / 100));
  }
  return 1;
}

function revisionOf(template: JsonObject): string {
  const text = JSON.stringify(template);
  let hash = 2166136261;
  for (let i = 0; i < text.length; i++) {
    hash = Math.imul(hash ^ text.charCodeAt(i), 16777619);
  }
  const alphabet = 'bcdfghjklmnpqrstvwxz2456789';
  let revision = '';
  let rest = hash >>> 0;
  for (let i = 0; i < 10; i++) {
    revision += alphabet[rest % alphabet.length];
    rest = Math.floor(rest / alphabet.length) + (i + 1) * 7919;
  }
  return revision;
}

function randomSuffix(): string {
  const alphabet = 'bcdfghjklmnpqrstvwxz2456789';
  return [...randomBytes(5)].map(b => alphabet[b % alphabet.length]).join('');
}

function internalIpOf(node: KubeObject): string {
  const addresses = (
    node.status as
      | { addresses?: Array<{ type: string; address: string }> }
      | undefined
  )?.addresses;
  return addresses?.find(a => a.type === 'InternalIP')?.address ?? '10.128.0.2';
}
