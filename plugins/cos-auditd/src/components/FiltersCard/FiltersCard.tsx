import { CodeSnippet, EmptyState } from '@backstage/core-components';
import type {
  ActiveFilters,
  AgentKind,
  DriftItem,
  FilterSection,
  FilterSpec,
} from '@cos-auditd/backstage-plugin-cos-auditd-common';
import { FILTER_PRESET_DESCRIPTIONS } from '@cos-auditd/backstage-plugin-cos-auditd-common';
import Accordion from '@material-ui/core/Accordion';
import AccordionDetails from '@material-ui/core/AccordionDetails';
import AccordionSummary from '@material-ui/core/AccordionSummary';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import Alert from '@material-ui/lab/Alert';
import { ReloadingCard } from '../ReloadingCard';
import { useActiveFilters, UseActiveFiltersResult } from './useActiveFilters';

/** @public */
export type FiltersCardProps = {
  /** The cluster entity, e.g. `resource:default/demo-gke-prod`. */
  entityRef: string;
  /** The entity's `kubernetes.io/auth-provider` annotation. */
  authProvider?: string;
  /** A change of this value reads the filters again (after an apply). */
  refreshKey?: number;
  /** The cluster's drift, as the status reports it; ConfigMap items are shown here. */
  drift?: DriftItem[];
  /**
   * The filters as the parent already reads them with
   * {@link useActiveFilters}; when given, the card does not read them itself
   * and `refreshKey` is the parent's business.
   */
  state?: UseActiveFiltersResult;
};

/** @public */
export type FiltersCardViewProps = {
  /** The filters as {@link useActiveFilters} reads them. */
  state: UseActiveFiltersResult;
  /** The cluster's drift, as the status reports it; ConfigMap items are shown here. */
  drift?: DriftItem[];
};

const AGENT_LABELS: Record<AgentKind, string> = {
  'fluent-bit': 'fluent-bit',
  'fluentd-legacy': 'fluentd (legacy)',
};

/**
 * What each exclusion of a spec drops, one sentence per exclusion.
 *
 * @public
 */
export function describeExclusions(spec: FilterSpec): string[] {
  const lines: string[] = [];
  if (spec.excludeRecordTypes?.length) {
    lines.push(
      `Drops these record types: ${spec.excludeRecordTypes.join(', ')}`,
    );
  }
  if (spec.excludeSyscalls?.length) {
    lines.push(`Drops these syscalls: ${spec.excludeSyscalls.join(', ')}`);
  }
  if (spec.excludeExecutables?.length) {
    lines.push(
      `Drops the SYSCALL records of: ${spec.excludeExecutables.join(', ')}`,
    );
  }
  if (spec.throttle) {
    const { rate, window, interval } = spec.throttle;
    lines.push(
      `Throttles to ${rate} records per ${interval} interval, averaged over ${window} intervals`,
    );
  }
  return lines;
}

function driftTarget(item: DriftItem): string {
  return `${item.kind} ${item.namespace ? `${item.namespace}/` : ''}${
    item.name
  }`;
}

function SpecSummary({ spec }: { spec: FilterSpec }) {
  const exclusions = describeExclusions(spec);
  return (
    <Box mt={2}>
      {spec.preset ? (
        <>
          <Typography variant="subtitle2">Preset: {spec.preset}</Typography>
          <Typography variant="body2">
            {FILTER_PRESET_DESCRIPTIONS[spec.preset]}
          </Typography>
        </>
      ) : (
        <Typography variant="subtitle2">No preset</Typography>
      )}
      {exclusions.length > 0 && (
        <ul>
          {exclusions.map(line => (
            <li key={line}>
              <Typography variant="body2">{line}</Typography>
            </li>
          ))}
        </ul>
      )}
    </Box>
  );
}

function SectionList({ sections }: { sections: FilterSection[] }) {
  if (sections.length === 0) {
    return (
      <Box mt={2}>
        <Typography variant="body2">
          The configuration has no filter sections: every audit record is
          shipped.
        </Typography>
      </Box>
    );
  }
  return (
    <Box mt={2}>
      <Typography variant="subtitle2">Filter sections, in order</Typography>
      <ol>
        {sections.map((section, index) => (
          <li key={index}>
            <Typography variant="body2">
              <strong>{section.kind}</strong>: {section.description}
            </Typography>
            {section.settings.length > 0 && (
              <Typography
                variant="caption"
                component="pre"
                color="textSecondary"
              >
                {section.settings
                  .map(({ key, value }) => `${key} ${value}`)
                  .join('\n')}
              </Typography>
            )}
          </li>
        ))}
      </ol>
    </Box>
  );
}

function RawConfiguration({ raw }: { raw: string }) {
  return (
    <Box mt={2}>
      <Accordion TransitionProps={{ unmountOnExit: true }}>
        <AccordionSummary expandIcon={<ExpandMoreIcon />}>
          <Typography variant="subtitle2">Raw configuration</Typography>
        </AccordionSummary>
        <AccordionDetails>
          <Box width="100%">
            <CodeSnippet text={raw} language="ini" showCopyCodeButton />
          </Box>
        </AccordionDetails>
      </Accordion>
    </Box>
  );
}

/** Why what the card shows may not be what runs, or may soon change. */
function FilterWarnings({
  filters,
  drift,
}: {
  filters: ActiveFilters;
  drift: DriftItem[];
}) {
  const warnings: Array<{ key: string; text: string }> = [];
  if (filters.source === 'fluentd-legacy') {
    warnings.push({
      key: 'legacy',
      text: 'This cluster runs the legacy fluentd agent, whose filters this plugin does not manage; applying filters replaces it with fluent-bit.',
    });
  }
  if (
    filters.source === 'fluent-bit' &&
    filters.spec === null &&
    filters.raw !== null
  ) {
    warnings.push({
      key: 'drift',
      text: 'The live configuration was changed outside this plugin (drift), so it is described section by section; applying filters replaces it.',
    });
  }
  drift
    .filter(item => item.kind === 'ConfigMap')
    .forEach(item =>
      warnings.push({
        key: `drift/${driftTarget(item)}`,
        text: `${driftTarget(item)}: ${item.message}`,
      }),
    );
  filters.notes.forEach((note, index) =>
    warnings.push({ key: `note/${index}`, text: note }),
  );
  if (warnings.length === 0) {
    return null;
  }
  return (
    <>
      {warnings.map(warning => (
        <Box key={warning.key} mb={1}>
          <Alert severity="warning">{warning.text}</Alert>
        </Box>
      ))}
    </>
  );
}

function FiltersDetails({
  filters,
  drift,
}: {
  filters: ActiveFilters;
  drift: DriftItem[];
}) {
  return (
    <>
      <FilterWarnings filters={filters} drift={drift} />
      <Typography variant="body1">
        Agent: {filters.source ? AGENT_LABELS[filters.source] : ''}
      </Typography>
      {filters.spec && <SpecSummary spec={filters.spec} />}
      <SectionList sections={filters.sections} />
      {filters.raw !== null && <RawConfiguration raw={filters.raw} />}
    </>
  );
}

/**
 * The active filters card over filters its parent reads, so that a page
 * which also needs them (say, to start the Update dialog from them) reads
 * them once.
 *
 * @public
 */
export function FiltersCardView(props: FiltersCardViewProps) {
  const { state, drift = [] } = props;

  return (
    <ReloadingCard title="Active filters" subject="the filters" state={state}>
      {filters =>
        filters.source === null ? (
          <EmptyState
            missing="content"
            title="No filters are active"
            description="Audit logging is not installed on this cluster, so no agent reads or filters its audit records."
          />
        ) : (
          <FiltersDetails filters={filters} drift={drift} />
        )
      }
    </ReloadingCard>
  );
}

function FiltersCardReading(props: FiltersCardProps) {
  const { entityRef, authProvider, refreshKey, drift } = props;
  const state = useActiveFilters(entityRef, authProvider, refreshKey);
  return <FiltersCardView state={state} drift={drift} />;
}

/**
 * What the live agent configuration of a cluster does to its audit records:
 * the preset and exclusions when this plugin wrote it, each filter section
 * in words, and the raw configuration.
 *
 * @public
 */
export function FiltersCard(props: FiltersCardProps) {
  // Two components, so the hook is not called conditionally.
  return props.state ? (
    <FiltersCardView state={props.state} drift={props.drift} />
  ) : (
    <FiltersCardReading {...props} />
  );
}
