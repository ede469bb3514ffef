import { Clock } from '../clock';
import { addNanos, formatLogTime, LogEntryJson, LogStore } from '../logging';
import { NodeActivity } from './activity';
import { AgentPipeline } from './agentConfig';
import { AgentNode, AuditSource } from './AuditSource';
import { SeededRandom } from '../random';
import { auditLogEntry, journalRecord, NodeJournal } from './shipping';

/** The options of `AuditGenerator.create`. */
export type AuditGeneratorOptions = {
  seed: number;
  clock: Clock;
  store: LogStore;
  /** The clusters, or a function returning them (clusters may come and go). */
  sources: AuditSource[] | (() => AuditSource[]);
  /** Average audit events per node per tick (an SSH session counts as one). Default 3. */
  eventsPerTick?: number;
};

/** What one node keeps between ticks. */
type NodeState = {
  activity: NodeActivity;
  journal: NodeJournal;
  pipeline: AgentPipeline;
  /** The configuration text the pipeline was built from. */
  configKey: string;
};

/** Without `start`, a tick spreads its events over the second before now. */
const DEFAULT_SPREAD_MS = 1000;

/**
 * Writes audit traffic for every node whose log agent is Ready: journald
 * records of execve calls, SSH logins, sudo, failed logins and
 * `kubectl exec` shells, filtered by the live agent configuration and
 * shaped as that agent ships them (`k8s_node` or legacy `gce_instance`).
 * Deterministic for a seed, a clock and the sources.
 */
export class AuditGenerator {
  readonly #seed: number;
  readonly #clock: Clock;
  readonly #store: LogStore;
  readonly #sources: () => AuditSource[];
  readonly #eventsPerTick: number;
  readonly #nodes = new Map<string, NodeState>();
  #spreadMs = DEFAULT_SPREAD_MS;
  #timer: NodeJS.Timeout | undefined;

  static create(options: AuditGeneratorOptions): AuditGenerator {
    return new AuditGenerator(options);
  }

  private constructor(options: AuditGeneratorOptions) {
    const { sources } = options;
    this.#seed = options.seed;
    this.#clock = options.clock;
    this.#store = options.store;
    this.#sources = typeof sources === 'function' ? sources : () => sources;
    this.#eventsPerTick = options.eventsPerTick ?? 3;
  }

  /**
   * One round: events with audit times in the last interval for every
   * agent-ready node, written to the store. Returns how many entries
   * reached the store (after the agents' filters).
   */
  tick(): number {
    const nowMs = this.#clock.now().getTime();
    const entries: LogEntryJson[] = [];
    for (const source of this.#sources()) {
      const config = source.agentConfig();
      const configKey = config ? `${config.agent}\n${config.text}` : '';
      for (const node of source.agentReadyNodes()) {
        const state = this.#stateOf(source, node);
        if (state.configKey !== configKey) {
          // The agent restarts with the new ConfigMap: fresh filters and windows.
          state.pipeline = AgentPipeline.create(config);
          state.configKey = configKey;
        }
        entries.push(...this.#nodeEntries(source, node, state, nowMs));
      }
    }
    this.#store.write(entries);
    return entries.length;
  }

  /** Ticks every `intervalMs` until `stop()`. */
  start(intervalMs: number): void {
    this.stop();
    this.#spreadMs = intervalMs;
    this.#timer = setInterval(() => this.tick(), intervalMs);
    this.#timer.unref?.();
  }

  stop(): void {
    if (this.#timer) {
      clearInterval(this.#timer);
      this.#timer = undefined;
    }
  }

  /** Grep rules skipped for invalid regexes, by node name (nodes seen so far). */
  invalidRules(): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const state of this.#nodes.values()) {
      counts[state.journal.node.name] = state.pipeline.invalidRules;
    }
    return counts;
  }

  #nodeEntries(
    source: AuditSource,
    node: AgentNode,
    state: NodeState,
    nowMs: number,
  ): LogEntryJson[] {
    const entries: LogEntryJson[] = [];
    // Events end a little before now, so no timestamp lies in the future.
    const events = state.activity.events(
      nowMs - this.#spreadMs,
      nowMs - 5,
      this.#eventsPerTick,
    );
    for (const event of events) {
      event.records.forEach((record, index) => {
        const journaled = journalRecord(state.journal, event, record);
        const time = addNanos(
          {
            seconds: Math.floor(event.timeMs / 1000),
            nanos: (event.timeMs % 1000) * 1_000_000,
          },
          event.journalDelaysUs[index] * 1000,
        );
        const timeMs = time.seconds * 1000 + Math.floor(time.nanos / 1_000_000);
        if (state.pipeline.admits(journaled, timeMs)) {
          entries.push(
            auditLogEntry(
              state.pipeline.agent,
              source,
              node,
              journaled,
              formatLogTime(time),
            ),
          );
        }
      });
    }
    return entries;
  }

  #stateOf(source: AuditSource, node: AgentNode): NodeState {
    const key = `${source.project}/${source.clusterName}/${node.name}`;
    let state = this.#nodes.get(key);
    if (!state) {
      const ids = SeededRandom.forName(this.#seed, `${key}/journal`);
      state = {
        activity: NodeActivity.create({ seed: this.#seed, node }),
        journal: { node, bootId: ids.hex(32), machineId: ids.hex(32) },
        pipeline: AgentPipeline.create(undefined),
        configKey: '\u0000unset',
      };
      this.#nodes.set(key, state);
    }
    return state;
  }
}
