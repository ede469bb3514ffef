import { InfoCard, Progress } from '@backstage/core-components';
import type {
  ClusterStatus,
  FilterSpec,
  Operation,
  RolloutPhase,
} from '@cos-auditd/backstage-plugin-cos-auditd-common';
import Box from '@material-ui/core/Box';
import LinearProgress from '@material-ui/core/LinearProgress';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { ApplyFiltersButton } from '../ApplyFilters';
import { OperationDetails } from '../OperationDetails';
import { DisableButton } from '../RemoveAction';
import { clusterActions } from './clusterActions';
import {
  ClusterOperationState,
  OperationOutcomeState,
  RunningOperation,
} from './useClusterOperation';

/** @public */
export type ActionsCardProps = {
  entityRef: string;
  /** The entity's `kubernetes.io/auth-provider` annotation. */
  authProvider?: string;
  /** The cluster's last status; the card waits for it. */
  status?: ClusterStatus;
  /** The live filters, the editor's starting point for "Update filters". */
  currentSpec?: FilterSpec | null;
  /** The operation this page runs, from {@link useClusterOperation}. */
  operation: ClusterOperationState;
  /**
   * The cluster's latest stored operation. After a removal it is what the
   * card shows until this page runs one: each node's outcome and the steps
   * to recreate locked nodes stay at hand after a reload.
   */
  latestOperation?: Operation;
};

/** Phases that a removal leaves behind. */
const REMOVED_PHASES: ReadonlySet<RolloutPhase> = new Set<RolloutPhase>([
  'disabled',
  'removed-pending-node-recreation',
]);

const RUNNING_TEXT: Record<RunningOperation, string> = {
  apply: 'Applying the filters…',
  remove:
    'Disabling audit logging node by node; this can take a few minutes. The rollout card shows each node as it finishes.',
};

function OutcomeSummary({ outcome }: { outcome: OperationOutcomeState }) {
  if (outcome.error) {
    return (
      <Alert severity="error">
        The operation failed: {outcome.error.message}
      </Alert>
    );
  }
  const { operation } = outcome;
  if (operation.outcome === 'failed') {
    return (
      <Alert severity="error">
        The operation failed
        {operation.error ? `: ${operation.error.message}` : '.'}
      </Alert>
    );
  }
  const text =
    operation.kind === 'apply'
      ? 'The filters were applied; the agent rolls out node by node.'
      : 'Audit logging was removed. Each node’s outcome is below.';
  return <Alert severity="success">{text}</Alert>;
}

/**
 * Enable, Update filters and Disable for one cluster, as its phase allows and
 * the user's permissions grant, with the running operation's progress and the
 * last result (per-node outcomes and recreation steps after a removal).
 *
 * @public
 */
export function ActionsCard(props: ActionsCardProps) {
  const {
    entityRef,
    authProvider,
    status,
    currentSpec,
    operation,
    latestOperation,
  } = props;
  const { running, lastOutcome, started, finished } = operation;

  if (!status) {
    return (
      <InfoCard title="Actions">
        <Progress />
      </InfoCard>
    );
  }
  const actions = clusterActions(status);
  const busy = running !== null;

  return (
    <InfoCard title="Actions">
      <Box display="flex" flexWrap="wrap" style={{ gap: 8 }}>
        {actions.enable && (
          <ApplyFiltersButton
            entityRef={entityRef}
            authProvider={authProvider}
            mode="enable"
            disabled={busy}
            onStarted={() => started('apply')}
            onFinished={finished}
          />
        )}
        {actions.updateFilters && (
          <ApplyFiltersButton
            entityRef={entityRef}
            authProvider={authProvider}
            mode="update"
            initialSpec={currentSpec}
            disabled={busy}
            onStarted={() => started('apply')}
            onFinished={finished}
          />
        )}
        {actions.disable && (
          <DisableButton
            entityRef={entityRef}
            authProvider={authProvider}
            disabled={busy}
            onStarted={() => started('remove')}
            onFinished={finished}
          />
        )}
      </Box>
      {actions.reason && (
        <Typography variant="body2" color="textSecondary">
          {actions.reason}
        </Typography>
      )}
      {running && (
        <Box mt={2} role="status">
          <LinearProgress aria-label="Operation in progress" />
          <Typography variant="body2">{RUNNING_TEXT[running]}</Typography>
        </Box>
      )}
      {!running &&
        !lastOutcome &&
        latestOperation?.kind === 'remove' &&
        REMOVED_PHASES.has(status.phase) && (
          <Box mt={2}>
            <Typography variant="subtitle1" component="h2">
              The last removal
            </Typography>
            <OperationDetails operation={latestOperation} />
          </Box>
        )}
      {!running && lastOutcome && (
        <Box mt={2}>
          <OutcomeSummary outcome={lastOutcome} />
          {lastOutcome.operation && (
            <Box mt={2}>
              <OperationDetails operation={lastOutcome.operation} />
            </Box>
          )}
        </Box>
      )}
    </InfoCard>
  );
}
