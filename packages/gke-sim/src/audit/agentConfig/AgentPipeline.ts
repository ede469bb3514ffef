import { AgentConfig } from '../AuditSource';
import { JournalFields } from '../records';
import { fluentBitFilters, systemdInputTag } from './fluentBitFilters';
import { fluentdFilters } from './fluentdFilters';
import { parseFluentBitConfig } from './parseFluentBitConfig';
import { RecordFilter } from './RecordFilter';

/**
 * The filtering one node's log agent does with the live configuration.
 * Stateful (throttle windows), so each node keeps its own, rebuilt when the
 * configuration changes, as the agent restarts with a new ConfigMap.
 */
export class AgentPipeline {
  readonly agent: AgentConfig['agent'];
  /** Rules skipped because their regex does not compile. */
  readonly invalidRules: number;
  /** What was read but not applied. */
  readonly notes: string[];
  readonly #filters: RecordFilter[];

  /** No configuration (no ConfigMap) means fluent-bit with no filters. */
  static create(config: AgentConfig | undefined): AgentPipeline {
    if (!config) {
      return new AgentPipeline('fluent-bit', {
        filters: [],
        invalidRules: 0,
        notes: [],
      });
    }
    if (config.agent === 'fluentd-legacy') {
      return new AgentPipeline(config.agent, fluentdFilters(config.text));
    }
    const parsed = parseFluentBitConfig(config.text);
    return new AgentPipeline(
      config.agent,
      fluentBitFilters(parsed, systemdInputTag(parsed)),
    );
  }

  private constructor(
    agent: AgentConfig['agent'],
    compiled: {
      filters: RecordFilter[];
      invalidRules: number;
      notes: string[];
    },
  ) {
    this.agent = agent;
    this.invalidRules = compiled.invalidRules;
    this.notes = compiled.notes;
    this.#filters = compiled.filters;
  }

  /** Whether the record reaches Cloud Logging; filters run in configuration order. */
  admits(record: JournalFields, timeMs: number): boolean {
    return this.#filters.every(filter => filter.admits(record, timeMs));
  }
}
