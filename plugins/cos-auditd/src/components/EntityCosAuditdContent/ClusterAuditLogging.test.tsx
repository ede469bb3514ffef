import { Entity } from '@backstage/catalog-model';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import type {
  ActiveFilters,
  ApplyRequest,
  AuditEventsPage,
  Operation,
  RolloutPhase,
} from '@cos-auditd/backstage-plugin-cos-auditd-common';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  clusterStatus,
  DEMO_CLUSTER,
  finishedOperation,
} from '../../__testUtils__/factories';
import { CosAuditdApi, cosAuditdApiRef } from '../../api';
import { ClusterAuditLogging } from './ClusterAuditLogging';
import { EntityCosAuditdContent } from './EntityCosAuditdContent';

/** A cluster that the fake backend enables at once when asked. */
function fakeBackend() {
  let phase: RolloutPhase = 'not-installed';
  const operations: Operation[] = [];
  const api = {
    getStatus: jest.fn(async () => clusterStatus(phase)),
    getFilters: jest.fn(
      async (): Promise<ActiveFilters> => ({
        entityRef: DEMO_CLUSTER,
        source: phase === 'active' ? 'fluent-bit' : null,
        spec: phase === 'active' ? { preset: 'balanced' } : null,
        sections: [],
        raw: phase === 'active' ? '[FILTER]\n    Name grep\n' : null,
        notes: [],
      }),
    ),
    listOperations: jest.fn(async () => ({ items: [...operations] })),
    listEvents: jest.fn(
      async (): Promise<AuditEventsPage> => ({
        items: [],
        logFilter: 'log_id("linux-auditd")',
        logsExplorerUrl: 'https://console.cloud.google.com/logs/query',
        skippedRecords: 0,
      }),
    ),
    apply: jest.fn(async (_entityRef: string, request: ApplyRequest) => {
      phase = 'active';
      const operation = finishedOperation('apply', {
        spec: request.filters ?? null,
      });
      operations.unshift(operation);
      return { operation, changes: [] };
    }),
  };
  return api;
}

async function renderTab(
  element: JSX.Element,
  api: ReturnType<typeof fakeBackend>,
) {
  await renderInTestApp(element, {
    apis: [
      [cosAuditdApiRef, api as unknown as CosAuditdApi],
      [permissionApiRef, mockApis.permission()],
    ],
  });
}

describe('ClusterAuditLogging', () => {
  it('shows every card of a cluster where nothing is installed', async () => {
    const api = fakeBackend();
    await renderTab(<ClusterAuditLogging entityRef={DEMO_CLUSTER} />, api);

    expect(
      await screen.findByText('Audit logging is not installed on this cluster'),
    ).toBeInTheDocument();
    for (const title of [
      'Actions',
      'Active filters',
      'Recent audit events',
      'Operation history',
    ]) {
      expect(screen.getByText(title)).toBeInTheDocument();
    }
    expect(
      await screen.findByText('No filters are active'),
    ).toBeInTheDocument();
    expect(await screen.findByText('No operations yet')).toBeInTheDocument();
  });

  it('re-reads every card when an enable started from the call to action ends', async () => {
    const api = fakeBackend();
    await renderTab(<ClusterAuditLogging entityRef={DEMO_CLUSTER} />, api);
    const notInstalled = await screen.findByText(
      'Audit logging is not installed on this cluster',
    );
    const rolloutCard = notInstalled.closest('.MuiCard-root') as HTMLElement;
    const user = userEvent.setup();
    await user.click(
      within(rolloutCard).getByRole('button', { name: 'Enable audit logging' }),
    );
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: 'Enable' }));

    expect(await screen.findByText('Active')).toBeInTheDocument();
    expect(await screen.findByText(/Preset: balanced/)).toBeInTheDocument();
    expect(
      await screen.findByText(/The filters were applied/),
    ).toBeInTheDocument();
    expect(api.apply).toHaveBeenCalledTimes(1);
    expect(api.listOperations.mock.calls.length).toBeGreaterThanOrEqual(2);
    expect(api.listEvents.mock.calls.length).toBeGreaterThanOrEqual(2);
  });
});

describe('EntityCosAuditdContent', () => {
  it('reads the cluster of the entity page with its auth provider', async () => {
    const entity: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: {
        name: 'demo-gke-prod',
        namespace: 'default',
        annotations: { 'kubernetes.io/auth-provider': 'google' },
      },
      spec: { type: 'kubernetes-cluster' },
    };
    const api = fakeBackend();
    await renderTab(
      <EntityProvider entity={entity}>
        <EntityCosAuditdContent />
      </EntityProvider>,
      api,
    );
    expect(
      await screen.findByText('Audit logging is not installed on this cluster'),
    ).toBeInTheDocument();
    expect(api.getStatus).toHaveBeenCalledWith(DEMO_CLUSTER, {
      authProvider: 'google',
    });
    expect(api.getFilters).toHaveBeenCalledWith(DEMO_CLUSTER, {
      authProvider: 'google',
    });
  });
});
