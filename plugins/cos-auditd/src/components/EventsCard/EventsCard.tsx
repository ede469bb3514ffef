import {
  CodeSnippet,
  EmptyState,
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
  StatusAborted,
  StatusError,
  StatusOK,
  Table,
  TableColumn,
  WarningPanel,
} from '@backstage/core-components';
import type { ResponseError } from '@backstage/errors';
import type { AuditEventType } from '@cos-auditd/backstage-plugin-cos-auditd-common';
import { cosAuditdEventsReadPermission } from '@cos-auditd/backstage-plugin-cos-auditd-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import { alpha, makeStyles, useTheme } from '@material-ui/core/styles';
import Tab from '@material-ui/core/Tab';
import Tabs from '@material-ui/core/Tabs';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { ReactNode, useMemo, useState } from 'react';
import useDebounce from 'react-use/esm/useDebounce';
import {
  AuditEventOutcome,
  AuditEventRow,
  toAuditEventRow,
} from './auditEventRows';
import { DEFAULT_EVENT_TIME_RANGE_MS, EVENT_TIME_RANGES } from './timeRanges';
import { useAuditEvents, UseAuditEventsResult } from './useAuditEvents';

/** Prefix of the controls' ids; `useId` would need React 18, and the plugin supports 16 and 17. */
const ID_PREFIX = 'cos-auditd-events';

/** How long typing pauses before the events are queried. */
const TYPING_DEBOUNCE_MS = 400;

/** @public */
export type EventsCardProps = {
  /** The cluster entity, e.g. `resource:default/demo-gke-prod`. */
  entityRef: string;
  /** A change of this value reads the events again from the first page. */
  refreshKey?: number;
};

const EVENT_TYPE_NOUNS: Record<AuditEventType, string> = {
  execve: 'executions',
  login: 'logins',
};

const useStyles = makeStyles(theme => ({
  controls: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(2),
    margin: theme.spacing(2, 0),
  },
  arguments: {
    display: 'block',
    maxWidth: '24rem',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
    fontFamily: 'monospace',
  },
  footer: {
    display: 'flex',
    alignItems: 'center',
    flexWrap: 'wrap',
    gap: theme.spacing(2),
    marginTop: theme.spacing(2),
  },
}));

function formatTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString();
}

function OutcomeStatus(props: { outcome: AuditEventOutcome; text: string }) {
  switch (props.outcome) {
    case 'success':
      return <StatusOK>{props.text}</StatusOK>;
    case 'failed':
      return <StatusError>{props.text}</StatusError>;
    default:
      return <StatusAborted>{props.text}</StatusAborted>;
  }
}

function ArgumentsCell({ text }: { text: string }) {
  const classes = useStyles();
  return (
    <span className={classes.arguments} title={text}>
      {text}
    </span>
  );
}

// Times, node names and users read badly when wrapped word by word.
const ONE_LINE = { whiteSpace: 'nowrap' } as const;

const TIME_COLUMN: TableColumn<AuditEventRow> = {
  title: 'Time',
  field: 'time',
  cellStyle: ONE_LINE,
  render: row => <time dateTime={row.time}>{formatTime(row.time)}</time>,
};
const NODE_COLUMN: TableColumn<AuditEventRow> = {
  title: 'Node',
  field: 'node',
  cellStyle: ONE_LINE,
};
const USER_COLUMN: TableColumn<AuditEventRow> = {
  title: 'User',
  field: 'user',
  cellStyle: ONE_LINE,
};
const EXECUTABLE_COLUMN: TableColumn<AuditEventRow> = {
  title: 'Executable',
  field: 'executable',
};
const RESULT_COLUMN: TableColumn<AuditEventRow> = {
  title: 'Result',
  field: 'outcomeText',
  cellStyle: ONE_LINE,
  render: row => <OutcomeStatus outcome={row.outcome} text={row.outcomeText} />,
};

const COLUMNS: Record<AuditEventType, TableColumn<AuditEventRow>[]> = {
  execve: [
    TIME_COLUMN,
    NODE_COLUMN,
    USER_COLUMN,
    EXECUTABLE_COLUMN,
    {
      title: 'Arguments',
      field: 'arguments',
      render: row => <ArgumentsCell text={row.arguments ?? ''} />,
    },
    { title: 'Working directory', field: 'workingDirectory' },
    RESULT_COLUMN,
  ],
  login: [
    TIME_COLUMN,
    NODE_COLUMN,
    USER_COLUMN,
    EXECUTABLE_COLUMN,
    { title: 'Address', field: 'address' },
    { title: 'Terminal', field: 'terminal' },
    RESULT_COLUMN,
  ],
};

/** What a row expands to: the event's raw audit records. */
function RawRecords({ row }: { row: AuditEventRow }) {
  const { event } = row;
  return (
    <Box p={2}>
      <Typography variant="body2" gutterBottom>
        Node {event.node}, serial {event.serial}
        {event.type === 'login' ? `, ${event.recordType}` : ''}
      </Typography>
      <CodeSnippet
        text={event.records.join('\n')}
        language="text"
        showCopyCodeButton
        wrapLongLines
      />
    </Box>
  );
}

function EventTable({
  type,
  rows,
}: {
  type: AuditEventType;
  rows: AuditEventRow[];
}) {
  const theme = useTheme();
  // material-table writes bookkeeping into its rows, so it gets copies.
  const data = useMemo(() => rows.map(r => ({ ...r })), [rows]);
  const standOut = alpha(theme.palette.error.main, 0.08);
  return (
    <Table<AuditEventRow>
      columns={COLUMNS[type]}
      data={data}
      detailPanel={[
        {
          tooltip: 'Show raw records',
          render: ({ rowData }) => <RawRecords row={rowData} />,
        },
      ]}
      options={{
        paging: true,
        pageSize: 20,
        // A short last page stays short instead of padding with blank rows.
        emptyRowsWhenPaging: false,
        pageSizeOptions: [20, 50, 100],
        toolbar: false,
        search: false,
        sorting: true,
        padding: 'dense',
        rowStyle: (row: AuditEventRow) =>
          row.standsOut ? { backgroundColor: standOut } : {},
      }}
    />
  );
}

/** By name, not `instanceof`, so a second copy of `@backstage/errors` in the app does not matter. */
function asResponseError(error: Error): ResponseError | undefined {
  return error.name === 'ResponseError' && 'statusCode' in error
    ? (error as ResponseError)
    : undefined;
}

function isNotAllowed(error: Error): boolean {
  return asResponseError(error)?.statusCode === 403;
}

/** The backend's own words (say, that Cloud Logging timed out) rather than the bare status. */
function backendMessage(error: Error): string {
  return asResponseError(error)?.cause?.message ?? error.message;
}

/** How many events are loaded, the Load more button and the Logs Explorer link. */
function LoadMore({ state }: { state: UseAuditEventsResult }) {
  const classes = useStyles();
  const count = state.events.length;
  const shown = `Showing ${count} ${count === 1 ? 'event' : 'events'}`;
  return (
    <div className={classes.footer}>
      {(count > 0 || state.hasMore) && (
        <Typography variant="body2">
          {state.hasMore ? `${shown}; more are available` : shown}
        </Typography>
      )}
      {state.hasMore && (
        <Button
          size="small"
          variant="outlined"
          onClick={state.loadMore}
          disabled={state.loading}
        >
          Load more
        </Button>
      )}
      {state.logsExplorerUrl && (
        <Link
          to={state.logsExplorerUrl}
          target="_blank"
          rel="noopener noreferrer"
        >
          Open in Logs Explorer
        </Link>
      )}
    </div>
  );
}

function EventsBody({
  type,
  filtered,
  state,
}: {
  type: AuditEventType;
  filtered: boolean;
  state: UseAuditEventsResult;
}) {
  const rows = useMemo(() => state.events.map(toAuditEventRow), [state.events]);
  const { error, loading } = state;

  if (rows.length === 0) {
    if (error) {
      return isNotAllowed(error) ? (
        <EmptyState
          missing="info"
          title="You are not allowed to read audit events on this cluster"
          description={`Reading them needs the permission ${cosAuditdEventsReadPermission.name}; ask the cluster's owners for it.`}
        />
      ) : (
        <ResponseErrorPanel error={error} />
      );
    }
    if (loading) {
      return <Progress />;
    }
    const noun = EVENT_TYPE_NOUNS[type];
    return (
      <>
        <EmptyState
          missing="data"
          title={`No ${noun} in this time range yet`}
          description={`Events appear a minute or so after audit logging is enabled on the cluster. Try a wider time range${
            filtered ? ', or clear the Node, User and Search fields' : ''
          }.`}
        />
        <LoadMore state={state} />
      </>
    );
  }

  return (
    <>
      <EventTable type={type} rows={rows} />
      {error && (
        <Box mt={2}>
          <WarningPanel
            severity="error"
            title="Could not load more events"
            message={backendMessage(error)}
            defaultExpanded
          />
        </Box>
      )}
      {loading && <Progress />}
      <LoadMore state={state} />
    </>
  );
}

/**
 * The executions and logins recorded on a cluster's nodes, newest first,
 * filtered by time range, node, user and free text, with each event's raw
 * records one click away.
 *
 * @public
 */
export function EventsCard(props: EventsCardProps) {
  const { entityRef, refreshKey } = props;
  const classes = useStyles();

  const [type, setType] = useState<AuditEventType>('execve');
  const [durationMs, setDurationMs] = useState(DEFAULT_EVENT_TIME_RANGE_MS);
  const [typed, setTyped] = useState({ node: '', user: '', q: '' });
  const [filters, setFilters] = useState(typed);
  useDebounce(() => setFilters(typed), TYPING_DEBOUNCE_MS, [typed]);

  const query = {
    type,
    durationMs,
    node: filters.node.trim() || undefined,
    user: filters.user.trim() || undefined,
    q: filters.q.trim() || undefined,
  };
  const state = useAuditEvents(entityRef, query, refreshKey);
  const filtered = Boolean(query.node || query.user || query.q);

  const textField = (
    field: keyof typeof typed,
    label: string,
    placeholder: string,
  ): ReactNode => (
    <TextField
      id={`${ID_PREFIX}-${field}`}
      label={label}
      placeholder={placeholder}
      size="small"
      variant="outlined"
      value={typed[field]}
      onChange={e => {
        const value = e.target.value;
        setTyped(t => ({ ...t, [field]: value }));
      }}
    />
  );

  return (
    <InfoCard
      title="Recent audit events"
      action={
        <Button size="small" onClick={state.retry} disabled={state.loading}>
          Refresh
        </Button>
      }
    >
      <Tabs
        value={type}
        onChange={(_e, value: AuditEventType) => setType(value)}
        indicatorColor="primary"
        textColor="primary"
      >
        <Tab label="Executions" value="execve" />
        <Tab label="Logins" value="login" />
      </Tabs>
      <div className={classes.controls}>
        <TextField
          id={`${ID_PREFIX}-range`}
          select
          label="Time range"
          size="small"
          variant="outlined"
          SelectProps={{ native: true }}
          value={durationMs}
          onChange={e => setDurationMs(Number(e.target.value))}
        >
          {EVENT_TIME_RANGES.map(range => (
            <option key={range.durationMs} value={range.durationMs}>
              {range.label}
            </option>
          ))}
        </TextField>
        {textField('node', 'Node', 'exact node name')}
        {textField(
          'user',
          'User',
          type === 'execve' ? 'uid or auid' : 'exact user name',
        )}
        {textField('q', 'Search', 'any text in the records')}
      </div>
      <EventsBody type={type} filtered={filtered} state={state} />
      {state.skippedRecords > 0 && (
        <Typography variant="caption" color="textSecondary" component="p">
          {state.skippedRecords} records could not be parsed and were skipped
        </Typography>
      )}
    </InfoCard>
  );
}
