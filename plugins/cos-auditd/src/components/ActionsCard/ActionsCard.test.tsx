import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import type {
  ApplyResult,
  ClusterStatus,
  Operation,
  RemoveResult,
} from '@cos-auditd/backstage-plugin-cos-auditd-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  clusterStatus,
  finishedOperation,
  nodeOutcome,
} from '../../__testUtils__/factories';
import { CosAuditdApi, cosAuditdApiRef } from '../../api';
import { ActionsCard } from './ActionsCard';
import { useClusterOperation } from './useClusterOperation';

function CardWithOperation(props: {
  entityRef: string;
  status?: ClusterStatus;
  latestOperation?: Operation;
}) {
  const operation = useClusterOperation();
  return (
    <ActionsCard
      entityRef={props.entityRef}
      authProvider="google"
      status={props.status}
      operation={operation}
      latestOperation={props.latestOperation}
    />
  );
}

// usePermission caches answers per permission and resource for the whole
// test file, so each test asks about a cluster of its own.
async function renderCard(options: {
  entityRef: string;
  status?: ClusterStatus;
  latestOperation?: Operation;
  api?: Partial<CosAuditdApi>;
  permission?: AuthorizeResult.ALLOW | AuthorizeResult.DENY;
}) {
  const api = {
    getManifest: jest.fn(async () => 'kind: Namespace\n'),
    ...options.api,
  } as unknown as CosAuditdApi;
  await renderInTestApp(
    <CardWithOperation
      entityRef={options.entityRef}
      status={options.status}
      latestOperation={options.latestOperation}
    />,
    {
      apis: [
        [cosAuditdApiRef, api],
        [
          permissionApiRef,
          mockApis.permission({
            authorize: options.permission ?? AuthorizeResult.ALLOW,
          }),
        ],
      ],
    },
  );
  return api;
}

const buttonNames = () =>
  screen.queryAllByRole('button').map(button => button.textContent);

describe('ActionsCard', () => {
  it('waits for the cluster status', async () => {
    await renderCard({ entityRef: 'resource:default/waiting' });
    expect(screen.getByTestId('progress')).toBeInTheDocument();
    expect(buttonNames()).not.toContain('Enable audit logging');
  });

  it('offers only Enable where nothing is installed', async () => {
    await renderCard({
      entityRef: 'resource:default/bare',
      status: clusterStatus('not-installed'),
    });
    expect(
      await screen.findByRole('button', { name: 'Enable audit logging' }),
    ).toBeInTheDocument();
    expect(buttonNames()).not.toContain('Update filters');
    expect(buttonNames()).not.toContain('Disable audit logging');
  });

  it('offers Update filters and Disable where the agent runs', async () => {
    await renderCard({
      entityRef: 'resource:default/running',
      status: clusterStatus('active'),
    });
    expect(
      await screen.findByRole('button', { name: 'Update filters' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Disable audit logging' }),
    ).toBeInTheDocument();
    expect(buttonNames()).not.toContain('Enable audit logging');
  });

  it('says why nothing can be done while a disable runs', async () => {
    await renderCard({
      entityRef: 'resource:default/disabling',
      status: clusterStatus('disabling'),
    });
    expect(
      screen.getByText(/Audit logging is being disabled/),
    ).toBeInTheDocument();
    expect(buttonNames()).toEqual([]);
  });

  it('keeps the actions visible but disabled without permission', async () => {
    await renderCard({
      entityRef: 'resource:default/forbidden',
      status: clusterStatus('active'),
      permission: AuthorizeResult.DENY,
    });
    await waitFor(() =>
      expect(
        screen.getByRole('button', { name: 'Disable audit logging' }),
      ).toBeDisabled(),
    );
    expect(
      screen.getByRole('button', { name: 'Update filters' }),
    ).toBeDisabled();
  });

  it('enables audit logging and shows what the apply changed', async () => {
    const entityRef = 'resource:default/enable';
    const apply = jest.fn(
      async (): Promise<ApplyResult> => ({
        operation: finishedOperation('apply', {
          entityRef,
          changes: [
            {
              kind: 'DaemonSet',
              namespace: 'cos-auditd',
              name: 'cos-auditd-logging',
              action: 'created',
            },
          ],
        }),
        changes: [],
      }),
    );
    await renderCard({
      entityRef,
      status: clusterStatus('not-installed'),
      api: { apply },
    });
    const user = userEvent.setup();
    await user.click(
      await screen.findByRole('button', { name: 'Enable audit logging' }),
    );
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: 'Enable' }));

    expect(
      await screen.findByText(/The filters were applied/),
    ).toBeInTheDocument();
    expect(apply).toHaveBeenCalledWith(
      entityRef,
      { filters: { preset: 'balanced' } },
      { authProvider: 'google' },
    );
    expect(
      screen.getByText(/DaemonSet cos-auditd\/cos-auditd-logging: created/),
    ).toBeInTheDocument();
  });

  it('shows progress while a disable runs, then each node’s outcome', async () => {
    const entityRef = 'resource:default/disable';
    let finish: (result: RemoveResult) => void = () => {};
    const remove = jest.fn(
      () => new Promise<RemoveResult>(resolve => (finish = resolve)),
    );
    await renderCard({
      entityRef,
      status: clusterStatus('active'),
      api: { remove },
    });
    const user = userEvent.setup();
    await user.click(
      await screen.findByRole('button', { name: 'Disable audit logging' }),
    );
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: 'Disable' }));

    // The dialog stays open (and hides the page from queries) meanwhile.
    expect(
      within(screen.getByRole('status', { hidden: true })).getByText(
        /Disabling audit logging node by node/,
      ),
    ).toBeInTheDocument();

    const nodes = [
      nodeOutcome('node-a', 'disabled'),
      nodeOutcome('node-b', 'locked', 'arm-pool'),
    ];
    finish({
      operation: finishedOperation('remove', { entityRef, nodes }),
      nodes,
      recreation: [],
    });
    expect(
      await screen.findByText(/Audit logging was removed/),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('status', { hidden: true }),
    ).not.toBeInTheDocument();
    expect(screen.getByText('node-a')).toBeInTheDocument();
    expect(screen.getByText('Locked until recreated')).toBeInTheDocument();
  });

  it('reports an operation that failed', async () => {
    const entityRef = 'resource:default/failing';
    const apply = jest.fn(async () => {
      throw new Error('demo-gke-prod answered 503');
    });
    await renderCard({
      entityRef,
      status: clusterStatus('active'),
      api: { apply },
    });
    const user = userEvent.setup();
    await user.click(
      await screen.findByRole('button', { name: 'Update filters' }),
    );
    const dialog = await screen.findByRole('dialog');
    await user.click(
      within(dialog).getByRole('button', { name: 'Apply filters' }),
    );
    expect(
      await screen.findByText(
        /The operation failed: demo-gke-prod answered 503/,
      ),
    ).toBeInTheDocument();
  });

  it('keeps the last removal’s outcomes and recreation steps at hand after a reload', async () => {
    const entityRef = 'resource:default/removed';
    await renderCard({
      entityRef,
      status: clusterStatus('removed-pending-node-recreation'),
      latestOperation: finishedOperation('remove', {
        entityRef,
        nodes: [nodeOutcome('node-b', 'locked', 'arm-pool')],
        recreation: [
          {
            pool: 'arm-pool',
            nodes: ['node-b'],
            instanceGroups: [{ name: 'arm-pool-grp', zone: 'europe-west1-b' }],
            steps: [
              'gcloud compute instance-groups managed rolling-action replace arm-pool-grp',
            ],
          },
        ],
      }),
    });
    expect(screen.getByText('The last removal')).toBeInTheDocument();
    expect(screen.getByText('Locked until recreated')).toBeInTheDocument();
    expect(
      screen.getByText(/Recreate the locked nodes of pool arm-pool/),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Copy steps' }),
    ).toBeInTheDocument();
  });

  it('does not show an old removal once audit logging runs again', async () => {
    await renderCard({
      entityRef: 'resource:default/re-enabled',
      status: clusterStatus('active'),
      latestOperation: finishedOperation('remove'),
    });
    expect(screen.queryByText('The last removal')).not.toBeInTheDocument();
  });
});
