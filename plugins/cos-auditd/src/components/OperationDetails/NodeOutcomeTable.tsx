import { Table, TableColumn } from '@backstage/core-components';
import type { NodeOutcome } from '@cos-auditd/backstage-plugin-cos-auditd-common';
import Typography from '@material-ui/core/Typography';
import { useMemo } from 'react';
import { NodeOutcomeStatus } from './OperationStatus';
import { NODE_OUTCOME_LABELS, nodeOutcomeSummary } from './operationText';

type NodeOutcomeRow = {
  id: string;
  node: string;
  pool: string;
  outcome: NodeOutcome['outcome'];
  /** The outcome in words, so that search and sorting go by what is shown. */
  outcomeLabel: string;
  message: string;
};

const COLUMNS: TableColumn<NodeOutcomeRow>[] = [
  { title: 'Node', field: 'node', highlight: true },
  { title: 'Pool', field: 'pool' },
  {
    title: 'Outcome',
    field: 'outcomeLabel',
    render: row => <NodeOutcomeStatus outcome={row.outcome} />,
  },
  { title: 'Message', field: 'message' },
];

function toRow(node: NodeOutcome): NodeOutcomeRow {
  return {
    id: node.node,
    node: node.node,
    pool: node.pool,
    outcome: node.outcome,
    outcomeLabel: NODE_OUTCOME_LABELS[node.outcome] ?? node.outcome,
    message: node.message ?? '',
  };
}

/**
 * Each node's outcome of a removal, paged by 20 so that clusters with
 * thousands of nodes stay usable, under a one-line count.
 *
 * @public
 */
export function NodeOutcomeTable(props: { nodes: NodeOutcome[] }) {
  const { nodes } = props;
  // material-table writes bookkeeping into its rows, so it gets fresh copies.
  const data = useMemo(() => nodes.map(toRow), [nodes]);
  return (
    <>
      <Typography variant="body2" component="p">
        {nodeOutcomeSummary(nodes)}
      </Typography>
      <Table<NodeOutcomeRow>
        title="Node outcomes"
        columns={COLUMNS}
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
      />
    </>
  );
}
