import { CodeSnippet, CopyTextButton } from '@backstage/core-components';
import type { RecreationPlan } from '@cos-auditd/backstage-plugin-cos-auditd-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { useId } from 'react';

/**
 * The shell text of a recreation plan: its steps, one command a line, in
 * the order they must run.
 *
 * @public
 */
export function recreationScript(plan: RecreationPlan): string {
  return plan.steps.join('\n');
}

function nodeCount(count: number): string {
  return count === 1 ? '1 node' : `${count} nodes`;
}

/**
 * How to recreate one node pool's locked nodes: which nodes and instance
 * groups, and the gcloud steps to run, with a button that copies them.
 *
 * @public
 */
export function RecreationPlanSection(props: { plan: RecreationPlan }) {
  const { plan } = props;
  const script = recreationScript(plan);
  // Several operations' details can be open on one page.
  const headingId = useId();
  return (
    <Box component="section" mt={2} aria-labelledby={headingId}>
      <Typography variant="subtitle1" component="h3" id={headingId}>
        Recreate the locked nodes of pool {plan.pool}
      </Typography>
      <Typography variant="body2" component="p">
        The audit configuration of these nodes stays on until they are
        recreated; the steps below replace one node at a time, so the pool keeps
        serving while they run.
      </Typography>
      <Typography variant="body2" component="p">
        {nodeCount(plan.nodes.length)} in instance groups:{' '}
        {plan.instanceGroups.map(g => `${g.name} (${g.zone})`).join(', ')}
      </Typography>
      <Box display="flex" alignItems="flex-start" mt={1}>
        <Box flexGrow={1} minWidth={0}>
          <CodeSnippet text={script} language="bash" wrapLongLines />
        </Box>
        <Box ml={1}>
          <CopyTextButton
            text={script}
            aria-label="Copy steps"
            tooltipText="Steps copied to clipboard"
          />
        </Box>
      </Box>
    </Box>
  );
}
