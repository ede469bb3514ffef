import {
  EmptyState,
  StatusAborted,
  StatusError,
  StatusOK,
  StatusPending,
  StatusWarning,
  Table,
  TableColumn,
} from '@backstage/core-components';
import type {
  AgentKind,
  ClusterStatus,
  DriftItem,
  NodeStatus,
  RolloutPhase,
} from '@cos-auditd/backstage-plugin-cos-auditd-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import LinearProgress from '@material-ui/core/LinearProgress';
import Switch from '@material-ui/core/Switch';
import Typography from '@material-ui/core/Typography';
import { ReactNode, useMemo, useState } from 'react';
import { ReloadingCard } from '../ReloadingCard';
import { useClusterStatus, UseClusterStatusResult } from './useClusterStatus';

/** @public */
export type RolloutCardProps = {
  /** The cluster entity, e.g. `resource:default/demo-gke-prod`. */
  entityRef: string;
  /** The entity's `kubernetes.io/auth-provider` annotation. */
  authProvider?: string;
  /** Refresh interval while a rollout or disable runs; default 3000 ms. */
  pollIntervalMs?: number;
};

const PHASE_LABELS: Record<RolloutPhase, string> = {
  'not-installed': 'Not installed',
  'rolling-out': 'Rolling out',
  active: 'Active',
  degraded: 'Degraded',
  disabling: 'Disabling',
  disabled: 'Disabled',
  'removed-pending-node-recreation': 'Removed, nodes to recreate',
  unsupported: 'Unsupported',
  unreachable: 'Unreachable',
};

/** A phase's name with its status icon. */
function PhaseStatus({ phase }: { phase: RolloutPhase }) {
  const label = PHASE_LABELS[phase] ?? phase;
  switch (phase) {
    case 'active':
      return <StatusOK>{label}</StatusOK>;
    case 'rolling-out':
    case 'disabling':
      return <StatusPending>{label}</StatusPending>;
    case 'degraded':
    case 'removed-pending-node-recreation':
      return <StatusWarning>{label}</StatusWarning>;
    case 'unreachable':
      return <StatusError>{label}</StatusError>;
    default:
      return <StatusAborted>{label}</StatusAborted>;
  }
}

function formatTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString();
}

function CheckedAt({ checkedAt }: { checkedAt: string }) {
  return (
    <Typography variant="caption" color="textSecondary" component="p">
      Checked <time dateTime={checkedAt}>{formatTime(checkedAt)}</time>
    </Typography>
  );
}

/** Ready and desired agent pods, or covered and COS nodes without a DaemonSet. */
function coverageCounts(status: ClusterStatus): {
  ready: number;
  desired: number;
} {
  if (status.daemonSet) {
    return {
      ready: status.daemonSet.ready,
      desired: status.daemonSet.desired,
    };
  }
  const cos = status.nodes.filter(n => n.cos);
  return { ready: cos.filter(n => n.covered).length, desired: cos.length };
}

function CoverageBar({ status }: { status: ClusterStatus }) {
  const { ready, desired } = coverageCounts(status);
  const percent = desired > 0 ? Math.min(100, (ready / desired) * 100) : 0;
  const text = `${ready} of ${desired} COS nodes`;
  return (
    <Box mt={2}>
      <LinearProgress
        variant="determinate"
        value={percent}
        aria-label="COS nodes covered"
        color={
          status.phase === 'degraded' || status.phase === 'disabling'
            ? 'secondary'
            : 'primary'
        }
      />
      <Typography variant="body2">{text}</Typography>
    </Box>
  );
}

function AgentLine({ agent }: { agent: AgentKind | null }) {
  let content: ReactNode;
  if (agent === 'fluent-bit') {
    content = <StatusOK>fluent-bit</StatusOK>;
  } else if (agent === 'fluentd-legacy') {
    content = (
      <StatusWarning>
        fluentd (legacy): this cluster runs the older fluentd manifest; applying
        the filters again replaces it with fluent-bit.
      </StatusWarning>
    );
  } else {
    content = 'none';
  }
  return (
    <Typography variant="body2" component="div">
      Agent: {content}
    </Typography>
  );
}

function driftTarget(item: DriftItem): string {
  const name = item.namespace ? `${item.namespace}/${item.name}` : item.name;
  return `${item.kind} ${name}`;
}

function DriftList({ drift }: { drift: DriftItem[] }) {
  if (drift.length === 0) {
    return null;
  }
  return (
    <Box mt={2}>
      <Typography variant="subtitle2">
        Drift: the cluster differs from what this plugin applies
      </Typography>
      {drift.map(item => (
        <Typography
          key={`${item.kind}/${item.namespace ?? ''}/${item.name}`}
          variant="body2"
          component="div"
        >
          <StatusWarning>
            {driftTarget(item)}: {item.message}
          </StatusWarning>
        </Typography>
      ))}
    </Box>
  );
}

type NodeRow = {
  id: string;
  name: string;
  pool: string;
  osImage: string;
  covered: string;
  problem: boolean;
  podState: string;
  restarts: number | null;
  reason: string;
};

function coverageText(node: NodeStatus): string {
  if (node.covered) {
    return 'Covered';
  }
  if (!node.cos) {
    return node.reason ?? 'Not COS: not selected by the DaemonSet';
  }
  return node.reason ?? 'Not covered';
}

function podStateText(node: NodeStatus): string {
  if (!node.pod) {
    return node.cos ? 'No agent pod' : '';
  }
  return `${node.pod.phase}${node.pod.ready ? ', ready' : ', not ready'}`;
}

/**
 * Where the agent should run, an uncovered COS node is a problem; before an
 * install or after a removal it is simply how things are.
 */
const PHASES_EXPECTING_COVERAGE: ReadonlySet<RolloutPhase> =
  new Set<RolloutPhase>(['rolling-out', 'active', 'degraded']);

function toRow(node: NodeStatus, expectCoverage: boolean): NodeRow {
  return {
    id: node.name,
    name: node.name,
    pool: node.pool,
    osImage: node.osImage,
    covered: coverageText(node),
    problem: expectCoverage && node.cos && !node.covered,
    podState: podStateText(node),
    restarts: node.pod ? node.pod.restarts : null,
    reason: node.pod?.reason ?? '',
  };
}

const NODE_COLUMNS: TableColumn<NodeRow>[] = [
  { title: 'Node', field: 'name', highlight: true },
  { title: 'Pool', field: 'pool' },
  { title: 'OS image', field: 'osImage' },
  {
    title: 'Covered',
    field: 'covered',
    render: row =>
      row.covered === 'Covered' ? (
        <StatusOK>Covered</StatusOK>
      ) : (
        <>
          {row.problem ? (
            <StatusError>{row.covered}</StatusError>
          ) : (
            <StatusAborted>{row.covered}</StatusAborted>
          )}
        </>
      ),
  },
  { title: 'Pod state', field: 'podState' },
  { title: 'Restarts', field: 'restarts', type: 'numeric' },
  { title: 'Reason', field: 'reason' },
];

/** The cluster's nodes, with a switch to show only the uncovered COS ones. */
function NodeTable({
  nodes,
  phase,
}: {
  nodes: NodeStatus[];
  phase: RolloutPhase;
}) {
  const [onlyProblems, setOnlyProblems] = useState(false);
  const expectCoverage = PHASES_EXPECTING_COVERAGE.has(phase);
  const rows = useMemo(
    () => nodes.map(node => toRow(node, expectCoverage)),
    [nodes, expectCoverage],
  );
  const problems = useMemo(() => rows.filter(r => r.problem), [rows]);
  // material-table writes bookkeeping into its rows, so it gets copies.
  const data = useMemo(
    () => (onlyProblems ? problems : rows).map(r => ({ ...r })),
    [onlyProblems, problems, rows],
  );

  return (
    <>
      <FormControlLabel
        control={
          <Switch
            checked={onlyProblems}
            onChange={(_e, checked) => setOnlyProblems(checked)}
            color="primary"
          />
        }
        label="Only problems (COS nodes not covered)"
      />
      <Table<NodeRow>
        title={`Nodes (${problems.length} of ${rows.length} with problems)`}
        columns={NODE_COLUMNS}
        data={data}
        options={{
          paging: true,
          pageSize: 20,
          // A short last page stays short instead of padding with blank rows.
          emptyRowsWhenPaging: false,
          pageSizeOptions: [20, 50, 100],
          search: true,
          sorting: true,
          padding: 'dense',
        }}
        emptyContent={
          <Box p={2}>
            <Typography variant="body2">
              {onlyProblems
                ? 'Every COS node is covered.'
                : 'The cluster reported no nodes.'}
            </Typography>
          </Box>
        }
      />
    </>
  );
}

function RolloutDetails({ status }: { status: ClusterStatus }) {
  return (
    <>
      <PhaseStatus phase={status.phase} />
      <Typography variant="body1">{status.message}</Typography>
      <CoverageBar status={status} />
      <Box mt={2}>
        <AgentLine agent={status.agent} />
      </Box>
      <DriftList drift={status.drift} />
      <CheckedAt checkedAt={status.checkedAt} />
      {status.nodes.length > 0 && (
        <Box mt={2}>
          <NodeTable nodes={status.nodes} phase={status.phase} />
        </Box>
      )}
    </>
  );
}

/**
 * When the cluster last answered this page. The backend's message says when
 * the backend last reached it; this covers a backend restarted since.
 */
function LastReached({ lastReachedAt }: { lastReachedAt?: string }) {
  if (!lastReachedAt) {
    return null;
  }
  return (
    <Typography variant="body2">
      Last reached{' '}
      <time dateTime={lastReachedAt}>{formatTime(lastReachedAt)}</time>
    </Typography>
  );
}

function CardBody({
  status,
  retry,
  notInstalledAction,
  lastReachedAt,
}: {
  status: ClusterStatus;
  retry: () => void;
  notInstalledAction?: JSX.Element;
  lastReachedAt?: string;
}) {
  switch (status.phase) {
    case 'not-installed':
      return (
        <>
          <EmptyState
            missing="content"
            title="Audit logging is not installed on this cluster"
            description={status.message}
            action={notInstalledAction}
          />
          <CheckedAt checkedAt={status.checkedAt} />
        </>
      );
    case 'unsupported':
      return (
        <>
          <EmptyState
            missing="info"
            title="This cluster cannot run cos-auditd"
            description={status.message}
          />
          <CheckedAt checkedAt={status.checkedAt} />
        </>
      );
    case 'unreachable':
      return (
        <>
          <PhaseStatus phase={status.phase} />
          <Typography variant="body1">{status.message}</Typography>
          <LastReached lastReachedAt={lastReachedAt} />
          <CheckedAt checkedAt={status.checkedAt} />
          <Box mt={1}>
            <Button size="small" variant="outlined" onClick={retry}>
              Try again
            </Button>
          </Box>
        </>
      );
    default:
      return <RolloutDetails status={status} />;
  }
}

/** @public */
export type RolloutCardViewProps = {
  /** The cluster's status as {@link useClusterStatus} reads it. */
  state: UseClusterStatusResult;
  /** Shown under "not installed", e.g. the Enable button. */
  notInstalledAction?: JSX.Element;
};

/**
 * The rollout card over a status its parent reads, so that a page which
 * also needs the phase (to choose its actions) reads it once.
 *
 * @public
 */
export function RolloutCardView(props: RolloutCardViewProps) {
  const { state, notInstalledAction } = props;
  const { retry, lastReachedAt } = state;

  return (
    <ReloadingCard
      title="Audit logging rollout"
      subject="the status"
      state={state}
    >
      {status => (
        <CardBody
          status={status}
          retry={retry}
          notInstalledAction={notInstalledAction}
          lastReachedAt={lastReachedAt}
        />
      )}
    </ReloadingCard>
  );
}

/**
 * The rollout of audit logging on one cluster: its phase, how many COS nodes
 * ship audit records, the agent, drift and a table of nodes. Refreshes every
 * 3 s while a rollout or disable runs.
 *
 * @public
 */
export function RolloutCard(props: RolloutCardProps) {
  const { entityRef, authProvider, pollIntervalMs } = props;
  const state = useClusterStatus(entityRef, authProvider, { pollIntervalMs });
  return <RolloutCardView state={state} />;
}
