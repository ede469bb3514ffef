import type {
  Operation,
  ResourceChange,
} from '@cos-auditd/backstage-plugin-cos-auditd-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import type { ReactNode } from 'react';
import { NodeOutcomeTable } from './NodeOutcomeTable';
import { OperationOutcomeStatus } from './OperationStatus';
import { RecreationPlanSection } from './RecreationPlanSection';
import {
  formatDuration,
  formatLocalTime,
  operationLabel,
  resourceName,
} from './operationText';

/** @public */
export type OperationDetailsProps = {
  /** A stored apply or remove, e.g. from the history or a remove's result. */
  operation: Operation;
};

function Fact(props: { label: string; children: ReactNode }) {
  return (
    <Typography variant="body2" component="div">
      <strong>{props.label}:</strong> {props.children}
    </Typography>
  );
}

function Times({ operation }: { operation: Operation }) {
  const duration = formatDuration(operation.startedAt, operation.finishedAt);
  return (
    <>
      <Fact label="Started">
        <time dateTime={operation.startedAt}>
          {formatLocalTime(operation.startedAt)}
        </time>
      </Fact>
      <Fact label="Finished">
        {operation.finishedAt ? (
          <>
            <time dateTime={operation.finishedAt}>
              {formatLocalTime(operation.finishedAt)}
            </time>
            {duration && ` (${duration})`}
          </>
        ) : (
          'not yet'
        )}
      </Fact>
    </>
  );
}

function Changes({ changes }: { changes: ResourceChange[] }) {
  return (
    <Box mt={2} component="section" aria-label="Changes">
      <Typography variant="subtitle2" component="h3">
        Changes
      </Typography>
      {changes.length === 0 ? (
        <Typography variant="body2">No object was changed.</Typography>
      ) : (
        <ul>
          {changes.map(change => (
            <li key={`${change.kind}/${change.namespace ?? ''}/${change.name}`}>
              <Typography variant="body2" component="span">
                {resourceName(change)}: {change.action}
              </Typography>
            </li>
          ))}
        </ul>
      )}
    </Box>
  );
}

function Messages({ messages }: { messages: string[] }) {
  if (messages.length === 0) {
    return null;
  }
  return (
    <Box mt={2} component="section" aria-label="What happened">
      <Typography variant="subtitle2" component="h3">
        What happened
      </Typography>
      <ol>
        {messages.map((message, index) => (
          // Messages may repeat, and their order is what they are.
          // eslint-disable-next-line react/no-array-index-key
          <li key={index}>
            <Typography variant="body2" component="span">
              {message}
            </Typography>
          </li>
        ))}
      </ol>
    </Box>
  );
}

/**
 * What came of one apply or remove: its outcome, who ran it and when, the
 * objects it changed, its error and messages and, for a removal, where each
 * node stands and how to recreate the nodes that stay locked.
 *
 * @public
 */
export function OperationDetails(props: OperationDetailsProps) {
  const { operation } = props;
  const isRemove = operation.kind === 'remove';
  return (
    <Box>
      <Box display="flex" alignItems="baseline" flexWrap="wrap">
        <Typography variant="h6" component="h2">
          {operationLabel(operation)}
        </Typography>
        <Box ml={2}>
          <OperationOutcomeStatus outcome={operation.outcome} />
        </Box>
      </Box>
      <Fact label="By">{operation.actor}</Fact>
      <Times operation={operation} />
      {operation.error && (
        <Box mt={2}>
          <Alert severity="error">{operation.error.message}</Alert>
        </Box>
      )}
      <Changes changes={operation.changes} />
      <Messages messages={operation.messages} />
      {isRemove && operation.nodes.length > 0 && (
        <Box mt={2} component="section" aria-label="Node outcomes">
          <NodeOutcomeTable nodes={operation.nodes} />
        </Box>
      )}
      {operation.recreation.map(plan => (
        <RecreationPlanSection key={plan.pool} plan={plan} />
      ))}
    </Box>
  );
}
