import { AgentConfig, AgentNode, AuditSource } from '../audit/AuditSource';
import { Clock } from '../clock';
import {
  ClusterFaults,
  ClusterSpec,
  noFaults,
  NodePoolSpec,
  RolloutTiming,
} from '../config/types';
import {
  AdmissionRequest,
  CONFIGMAPS,
  KubeApiBackend,
  KubeObject,
  NAMESPACES,
  NODES,
  ObjectStore,
} from '../kube';
import { admitOnAutopilot } from './autopilotWarden';
import { DaemonSetController, InitMessageRule } from './DaemonSetController';
import { GarbageCollector } from './GarbageCollector';
import { NamespaceLifecycle, SYSTEM_NAMESPACES } from './NamespaceLifecycle';
import {
  GKE_VERSION,
  INSTANCE_ID_ANNOTATION,
  NodeFactory,
  POOL_LABEL,
  ZONE_LABEL,
} from './nodeGeneration';

/** Where cos-auditd lives in a cluster, as the upstream manifests name it. */
export const COS_AUDITD = {
  namespace: 'cos-auditd',
  loggingDaemonSet: 'cos-auditd-logging',
  disableDaemonSet: 'cos-auditd-disable',
  fluentBitConfigMap: 'cos-auditd-fluent-bit-config',
  fluentBitConfigKey: 'fluent-bit.conf',
  legacyConfigMap: 'fluentd-gcp-config-cos-auditd',
  legacyConfigKey: 'google-fluentd.conf',
} as const;

export type SimulatedClusterOptions = {
  spec: ClusterSpec;
  timing: RolloutTiming;
  clock: Clock;
  faults?: Partial<ClusterFaults>;
};

/**
 * One simulated GKE cluster: its object store with the nodes of its pools,
 * the controllers that act on it (DaemonSets, namespace deletion, garbage
 * collection), its faults, and what the audit generator needs to know.
 * Serve it with `startKubeApiServer(cluster, ...)`.
 */
export class SimulatedCluster implements AuditSource, KubeApiBackend {
  readonly project: string;
  readonly location: string;
  readonly clusterName: string;
  readonly store: ObjectStore;
  readonly clock: Clock;
  readonly kubernetesVersion = GKE_VERSION;
  readonly #spec: ClusterSpec;
  readonly #pools: Map<string, NodePoolSpec>;
  readonly #nodeFactory: NodeFactory;
  readonly #daemonSets: DaemonSetController;
  readonly #namespaces: NamespaceLifecycle;
  readonly #garbage: GarbageCollector;
  readonly #faultListeners = new Set<(faults: ClusterFaults) => void>();
  readonly #agentNodes = new WeakMap<KubeObject, AgentNode>();
  #faults: ClusterFaults;

  static create(options: SimulatedClusterOptions): SimulatedCluster {
    return new SimulatedCluster(options);
  }

  private constructor(options: SimulatedClusterOptions) {
    const { spec, timing, clock } = options;
    this.#spec = spec;
    this.project = spec.project;
    this.location = spec.location;
    this.clusterName = spec.name;
    this.clock = clock;
    this.#faults = mergeFaults(noFaults(), options.faults ?? {});
    this.#pools = new Map(spec.pools.map(pool => [pool.name, pool]));
    this.store = ObjectStore.create({ clock });
    this.#nodeFactory = NodeFactory.create({ cluster: spec });
    this.#daemonSets = DaemonSetController.create({
      store: this.store,
      timing,
      clock,
      faultOf: pool => this.#faults.pools[pool],
      initMessage: this.#disableOutcome,
    });
    this.#namespaces = NamespaceLifecycle.create({
      store: this.store,
      delayMs: Math.max(20, timing.podStartMs),
    });
    this.#garbage = GarbageCollector.create({ store: this.store });

    for (const name of SYSTEM_NAMESPACES) {
      this.store.create(NAMESPACES, {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name, labels: { 'kubernetes.io/metadata.name': name } },
        spec: { finalizers: ['kubernetes'] },
        status: { phase: 'Active' },
      });
    }
    for (const pool of spec.pools) {
      this.#addNodes(pool, pool.nodes);
    }
  }

  /** Starts the controllers. */
  start() {
    this.#garbage.start();
    this.#namespaces.start();
    this.#daemonSets.start();
  }

  /** Stops the controllers and clears every timer they hold. */
  stop() {
    this.#daemonSets.stop();
    this.#namespaces.stop();
    this.#garbage.stop();
  }

  /** The spec the cluster was made from. */
  get spec(): ClusterSpec {
    return this.#spec;
  }

  faults(): ClusterFaults {
    return { ...this.#faults, pools: { ...this.#faults.pools } };
  }

  /**
   * Changes some fault settings; `pools` entries are merged (undefined
   * clears a pool's fault). Pods of pools whose fault changed react now.
   */
  setFaults(partial: Partial<ClusterFaults>) {
    const before = this.#faults;
    this.#faults = mergeFaults(before, partial);
    const changedPools = [
      ...new Set([
        ...Object.keys(before.pools),
        ...Object.keys(this.#faults.pools),
      ]),
    ].filter(pool => before.pools[pool] !== this.#faults.pools[pool]);
    if (changedPools.length > 0) {
      this.#daemonSets.poolFaultsChanged(changedPools);
    }
    const faults = this.faults();
    for (const listener of this.#faultListeners) {
      listener(faults);
    }
  }

  onFaultsChange(listener: (faults: ClusterFaults) => void): () => void {
    this.#faultListeners.add(listener);
    return () => this.#faultListeners.delete(listener);
  }

  admit(request: AdmissionRequest) {
    if (this.#spec.autopilot) {
      admitOnAutopilot(request);
    }
  }

  /** Grows or shrinks a pool to `nodes` nodes; false for an unknown pool. Pods of removed nodes go away. */
  resizePool(poolName: string, nodes: number): boolean {
    const pool = this.#pools.get(poolName);
    if (!pool || !Number.isInteger(nodes) || nodes < 0) {
      return false;
    }
    const current = this.nodeNames(poolName);
    if (nodes > current.length) {
      this.#addNodes(pool, nodes - current.length);
    } else {
      this.removeNodes(current.slice(nodes));
    }
    this.#pools.set(poolName, { ...pool, nodes });
    return true;
  }

  /** Removes nodes by name (as if their instances were deleted); returns how many existed. */
  removeNodes(names: string[]): number {
    let removed = 0;
    for (const name of names) {
      if (this.store.remove(NODES, undefined, name)) {
        this.#nodeFactory.release(name);
        removed += 1;
      }
    }
    return removed;
  }

  /** Names of the cluster's nodes, or of one pool's, in name order. */
  nodeNames(pool?: string): string[] {
    return this.store
      .list(NODES)
      .filter(
        n => pool === undefined || n.metadata.labels?.[POOL_LABEL] === pool,
      )
      .map(n => n.metadata.name!);
  }

  agentReadyNodes(): AgentNode[] {
    const agents: AgentNode[] = [];
    for (const name of this.#daemonSets.readyNodes(
      COS_AUDITD.namespace,
      COS_AUDITD.loggingDaemonSet,
    )) {
      const node = this.store.get(NODES, undefined, name);
      if (node) {
        agents.push(this.#agentNode(node));
      }
    }
    return agents;
  }

  agentConfig(): AgentConfig | undefined {
    const text = (name: string, key: string) => {
      const data = this.store.get(CONFIGMAPS, COS_AUDITD.namespace, name)
        ?.data as Record<string, string> | undefined;
      return data?.[key];
    };
    const fluentBit = text(
      COS_AUDITD.fluentBitConfigMap,
      COS_AUDITD.fluentBitConfigKey,
    );
    if (fluentBit !== undefined) {
      return { agent: 'fluent-bit', text: fluentBit };
    }
    const legacy = text(COS_AUDITD.legacyConfigMap, COS_AUDITD.legacyConfigKey);
    return legacy !== undefined
      ? { agent: 'fluentd-legacy', text: legacy }
      : undefined;
  }

  #addNodes(pool: NodePoolSpec, count: number) {
    const createdAt = `${this.clock.now().toISOString().slice(0, 19)}Z`;
    for (const node of this.#nodeFactory.nodes(pool, count, createdAt)) {
      this.store.create(NODES, node);
    }
  }

  #agentNode(node: KubeObject): AgentNode {
    let agent = this.#agentNodes.get(node);
    if (!agent) {
      const labels = node.metadata.labels ?? {};
      agent = {
        name: node.metadata.name!,
        pool: labels[POOL_LABEL] ?? '',
        arch: labels['kubernetes.io/arch'] === 'arm64' ? 'arm64' : 'amd64',
        providerID: String(
          (node.spec as { providerID?: string })?.providerID ?? '',
        ),
        zone: labels[ZONE_LABEL] ?? '',
        instanceId: node.metadata.annotations?.[INSTANCE_ID_ANNOTATION] ?? '',
      };
      this.#agentNodes.set(node, agent);
    }
    return agent;
  }

  /** The disable DaemonSet's init container reports whether the node's audit config could be unlocked. */
  readonly #disableOutcome: InitMessageRule = (daemonSet, node) => {
    if (
      daemonSet.namespace !== COS_AUDITD.namespace ||
      daemonSet.name !== COS_AUDITD.disableDaemonSet
    ) {
      return undefined;
    }
    const pool = this.#pools.get(node.metadata.labels?.[POOL_LABEL] ?? '');
    return pool?.auditLocked ? 'locked' : 'disabled';
  };
}

function mergeFaults(
  current: ClusterFaults,
  partial: Partial<ClusterFaults>,
): ClusterFaults {
  const pools = { ...current.pools };
  for (const [pool, fault] of Object.entries(partial.pools ?? {})) {
    if (fault) {
      pools[pool] = fault;
    } else {
      delete pools[pool];
    }
  }
  return { ...current, ...partial, pools };
}
