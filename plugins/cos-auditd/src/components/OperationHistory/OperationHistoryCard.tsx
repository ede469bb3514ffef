import { EmptyState, Table, TableColumn } from '@backstage/core-components';
import type { Operation } from '@cos-auditd/backstage-plugin-cos-auditd-common';
import Box from '@material-ui/core/Box';
import { useMemo } from 'react';
import {
  formatDuration,
  formatLocalTime,
  OperationDetails,
  OperationOutcomeStatus,
  operationLabel,
} from '../OperationDetails';
import { ReloadingCard } from '../ReloadingCard';
import {
  useOperationHistory,
  UseOperationHistoryResult,
} from './useOperationHistory';

/** @public */
export type OperationHistoryCardProps = {
  /** The cluster entity, e.g. `resource:default/demo-gke-prod`. */
  entityRef: string;
  /** A change of this value reads the history again (after an operation). */
  refreshKey?: number;
};

type HistoryRow = {
  id: string;
  started: string;
  operation: string;
  actor: string;
  outcome: Operation['outcome'];
  duration: string;
  /** The stored operation, shown whole when the row is expanded. */
  source: Operation;
};

function toRow(operation: Operation): HistoryRow {
  return {
    id: operation.id,
    started: formatLocalTime(operation.startedAt),
    operation: operationLabel(operation),
    actor: operation.actor,
    outcome: operation.outcome,
    duration: formatDuration(operation.startedAt, operation.finishedAt),
    source: operation,
  };
}

const COLUMNS: TableColumn<HistoryRow>[] = [
  {
    title: 'Started',
    field: 'started',
    render: row => <time dateTime={row.source.startedAt}>{row.started}</time>,
  },
  { title: 'Operation', field: 'operation', highlight: true },
  { title: 'By', field: 'actor' },
  {
    title: 'Outcome',
    field: 'outcome',
    render: row => <OperationOutcomeStatus outcome={row.outcome} />,
  },
  { title: 'Duration', field: 'duration' },
];

function HistoryTable({ operations }: { operations: Operation[] }) {
  // material-table writes bookkeeping into its rows, so it gets fresh copies.
  const data = useMemo(() => operations.map(toRow), [operations]);
  return (
    <Table<HistoryRow>
      columns={COLUMNS}
      data={data}
      options={{
        paging: true,
        pageSize: 10,
        // A short last page stays short instead of padding with blank rows.
        emptyRowsWhenPaging: false,
        pageSizeOptions: [10, 25, 50],
        search: false,
        toolbar: false,
        padding: 'dense',
      }}
      onRowClick={(_event, _row, togglePanel) => togglePanel?.()}
      detailPanel={({ rowData }) => (
        <Box p={2}>
          <OperationDetails operation={rowData.source} />
        </Box>
      )}
    />
  );
}

/** @public */
export type OperationHistoryCardViewProps = {
  /** The history as {@link useOperationHistory} reads it. */
  state: UseOperationHistoryResult;
};

/**
 * The history card over operations its parent reads, so that a page which
 * also shows the last removal reads them once.
 *
 * @public
 */
export function OperationHistoryCardView(props: OperationHistoryCardViewProps) {
  const { state } = props;
  return (
    <ReloadingCard
      title="Operation history"
      subject="the history"
      state={state}
    >
      {operations =>
        operations.length === 0 ? (
          <EmptyState
            missing="data"
            title="No operations yet"
            description="Nobody has enabled or disabled audit logging on this cluster from Backstage."
          />
        ) : (
          <HistoryTable operations={operations} />
        )
      }
    </ReloadingCard>
  );
}

/**
 * The latest applies and removes on one cluster, newest first: what ran,
 * who ran it, how it ended and how long it took. Each row opens to the
 * operation's details.
 *
 * @public
 */
export function OperationHistoryCard(props: OperationHistoryCardProps) {
  const { entityRef, refreshKey } = props;
  const state = useOperationHistory(entityRef, refreshKey);
  return <OperationHistoryCardView state={state} />;
}
