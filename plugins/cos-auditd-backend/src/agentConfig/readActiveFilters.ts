import { V1ConfigMap } from '@kubernetes/client-node';
import {
  ActiveFilters,
  FilterSpec,
  validateFilterSpec,
} from '@cos-auditd/backstage-plugin-cos-auditd-common';
import {
  COS_AUDITD_OBJECTS,
  MANAGED_BY,
  renderAgentConfig,
} from '../manifests';
import { describeFluentBitFilter } from './describeFluentBitFilter';
import { parseFluentBitConfig, settingValue } from './parseFluentBitConfig';
import { readFluentdFilters } from './readFluentdFilters';

/** What the live agent ConfigMaps are read from; null or absent when not installed. */
export type LiveAgentConfigMaps = {
  fluentBitConfigMap?: V1ConfigMap | null;
  legacyConfigMap?: V1ConfigMap | null;
};

const EDITED_OUTSIDE =
  'The configuration was edited outside Backstage; showing it as it is.';

/**
 * The filters live in a cluster, read from the fluent-bit ConfigMap or, when
 * there is none, the legacy fluentd one: each filter described in plain
 * words, the raw text, and the typed FilterSpec when the text is exactly
 * what this plugin renders for the spec recorded on the ConfigMap. Never
 * throws: what cannot be read is said in `notes`.
 */
export function readActiveFilters(
  live: LiveAgentConfigMaps,
): Omit<ActiveFilters, 'entityRef'> {
  if (live.fluentBitConfigMap) {
    const filters = readFluentBit(live.fluentBitConfigMap);
    if (live.legacyConfigMap) {
      filters.notes.push(
        `The legacy fluentd ConfigMap ${COS_AUDITD_OBJECTS.legacyConfigMap} is also present; the fluent-bit configuration is the one shown.`,
      );
    }
    return filters;
  }
  if (live.legacyConfigMap) {
    return readLegacy(live.legacyConfigMap);
  }
  return { source: null, spec: null, sections: [], raw: null, notes: [] };
}

function readFluentBit(
  configMap: V1ConfigMap,
): Omit<ActiveFilters, 'entityRef'> {
  const raw = configMap.data?.[COS_AUDITD_OBJECTS.fluentBitConfigKey];
  if (raw === undefined) {
    return {
      source: 'fluent-bit',
      spec: null,
      sections: [],
      raw: null,
      notes: [
        `The ConfigMap ${COS_AUDITD_OBJECTS.fluentBitConfigMap} has no ${COS_AUDITD_OBJECTS.fluentBitConfigKey}.`,
      ],
    };
  }
  const config = parseFluentBitConfig(raw);
  const notes = [...config.notes];
  const auditInput = config.sections.find(
    s =>
      s.name === 'INPUT' &&
      settingValue(s.settings, 'Name')?.toLowerCase() === 'systemd',
  );
  const auditTag = auditInput && settingValue(auditInput.settings, 'Tag');
  const sections = config.sections
    .filter(s => s.name === 'FILTER')
    .map(s => describeFluentBitFilter(s, auditTag, notes));
  const spec = recordedSpec(configMap, raw, notes);
  return { source: 'fluent-bit', spec, sections, raw, notes };
}

/**
 * The spec recorded on the ConfigMap, if the live text is exactly what it
 * renders to. Anything else means someone changed the text (or wrote it
 * without this plugin), and the spec would misstate what runs.
 */
function recordedSpec(
  configMap: V1ConfigMap,
  raw: string,
  notes: string[],
): FilterSpec | null {
  const annotation =
    configMap.metadata?.annotations?.[MANAGED_BY.filterSpecAnnotation];
  if (annotation === undefined) {
    notes.push(
      'The configuration was not applied by Backstage; showing it as it is.',
    );
    return null;
  }
  let recorded: unknown;
  try {
    recorded = JSON.parse(annotation);
  } catch {
    notes.push(
      `The ${MANAGED_BY.filterSpecAnnotation} annotation is not JSON; showing the configuration as it is.`,
    );
    return null;
  }
  const validation = validateFilterSpec(recorded);
  if (!validation.valid) {
    notes.push(
      `The ${
        MANAGED_BY.filterSpecAnnotation
      } annotation is not a valid filter spec (${validation.problems.join(
        '; ',
      )}); showing the configuration as it is.`,
    );
    return null;
  }
  if (renderAgentConfig({ filters: validation.spec }) !== raw) {
    notes.push(EDITED_OUTSIDE);
    return null;
  }
  return validation.spec;
}

function readLegacy(configMap: V1ConfigMap): Omit<ActiveFilters, 'entityRef'> {
  const raw = configMap.data?.[COS_AUDITD_OBJECTS.legacyConfigKey];
  if (raw === undefined) {
    return {
      source: 'fluentd-legacy',
      spec: null,
      sections: [],
      raw: null,
      notes: [
        `The ConfigMap ${COS_AUDITD_OBJECTS.legacyConfigMap} has no ${COS_AUDITD_OBJECTS.legacyConfigKey}.`,
      ],
    };
  }
  const { sections, notes } = readFluentdFilters(raw);
  return { source: 'fluentd-legacy', spec: null, sections, raw, notes };
}
