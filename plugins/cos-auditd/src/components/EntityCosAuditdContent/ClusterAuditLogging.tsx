import Grid from '@material-ui/core/Grid';
import { useState } from 'react';
import { ActionsCard, useClusterOperation } from '../ActionsCard';
import { ApplyFiltersButton } from '../ApplyFilters';
import { EventsCard } from '../EventsCard';
import { FiltersCard, useActiveFilters } from '../FiltersCard';
import {
  OperationHistoryCardView,
  useOperationHistory,
} from '../OperationHistory';
import { RolloutCardView, useClusterStatus } from '../RolloutCard';

/** @public */
export type ClusterAuditLoggingProps = {
  /** The cluster entity, e.g. `resource:default/demo-gke-prod`. */
  entityRef: string;
  /** The entity's `kubernetes.io/auth-provider` annotation. */
  authProvider?: string;
  /** Refresh interval while something moves; default 3000 ms. */
  pollIntervalMs?: number;
};

/**
 * Everything about audit logging on one cluster: rollout, actions, active
 * filters, operation history and recent events. When an apply or remove
 * ends, every card reads its data again; while one runs, the rollout
 * refreshes by itself.
 *
 * @public
 */
export function ClusterAuditLogging(props: ClusterAuditLoggingProps) {
  const { entityRef, authProvider, pollIntervalMs } = props;
  const [refreshKey, setRefreshKey] = useState(0);
  const operation = useClusterOperation();
  const running = operation.running !== null;

  const status = useClusterStatus(entityRef, authProvider, {
    pollIntervalMs,
    pollWhile: running,
    refreshKey,
  });
  const filters = useActiveFilters(entityRef, authProvider, refreshKey);
  const history = useOperationHistory(entityRef, refreshKey);

  // Buttons report to the shared operation state, then the page re-reads.
  const trackedOperation = {
    ...operation,
    finished: (outcome: Parameters<typeof operation.finished>[0]) => {
      operation.finished(outcome);
      setRefreshKey(key => key + 1);
    },
  };

  return (
    <Grid container spacing={3} alignItems="stretch">
      <Grid item xs={12}>
        <RolloutCardView
          state={status}
          notInstalledAction={
            <ApplyFiltersButton
              entityRef={entityRef}
              authProvider={authProvider}
              mode="enable"
              disabled={running}
              onStarted={() => operation.started('apply')}
              onFinished={trackedOperation.finished}
            />
          }
        />
      </Grid>
      <Grid item xs={12}>
        <ActionsCard
          entityRef={entityRef}
          authProvider={authProvider}
          status={status.value}
          currentSpec={filters.value?.spec}
          operation={trackedOperation}
          latestOperation={history.value?.[0]}
        />
      </Grid>
      <Grid item xs={12} md={6}>
        <FiltersCard
          entityRef={entityRef}
          authProvider={authProvider}
          state={filters}
          drift={status.value?.drift}
        />
      </Grid>
      <Grid item xs={12} md={6}>
        <OperationHistoryCardView state={history} />
      </Grid>
      <Grid item xs={12}>
        <EventsCard entityRef={entityRef} refreshKey={refreshKey} />
      </Grid>
    </Grid>
  );
}
