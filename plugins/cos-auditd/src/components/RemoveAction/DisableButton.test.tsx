import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import type { RemoveResult } from '@cos-auditd/backstage-plugin-cos-auditd-common';
import {
  screen,
  waitFor,
  waitForElementToBeRemoved,
  within,
} from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { finishedOperation } from '../../__testUtils__/factories';
import { CosAuditdApi, cosAuditdApiRef } from '../../api';
import { DisableButton } from './DisableButton';

const PENDING_SENTENCE =
  'Disabling node by node; this can take a few minutes. The rollout card shows each node as it finishes.';

function removeResult(entityRef: string): RemoveResult {
  const operation = finishedOperation('remove', {
    id: 'op-remove-1',
    entityRef,
    nodes: [{ node: 'node-a', pool: 'default-pool', outcome: 'disabled' }],
  });
  return { operation, nodes: operation.nodes, recreation: [] };
}

type RemoveMock = jest.Mock<Promise<RemoveResult>, any[]>;

// usePermission caches answers per permission and resource for the whole
// test file, so each test asks about a cluster of its own.
async function renderButton(options: {
  entityRef: string;
  remove?: RemoveMock;
  permission?: AuthorizeResult.ALLOW | AuthorizeResult.DENY;
  authProvider?: string;
}) {
  const remove: RemoveMock =
    options.remove ?? jest.fn(async () => removeResult(options.entityRef));
  const onStarted = jest.fn();
  const onFinished = jest.fn();
  await renderInTestApp(
    <DisableButton
      entityRef={options.entityRef}
      authProvider={options.authProvider}
      onStarted={onStarted}
      onFinished={onFinished}
    />,
    {
      apis: [
        [cosAuditdApiRef, { remove } as unknown as CosAuditdApi],
        [
          permissionApiRef,
          mockApis.permission({
            authorize: options.permission ?? AuthorizeResult.ALLOW,
          }),
        ],
      ],
    },
  );
  return { remove, onStarted, onFinished };
}

async function openDialog() {
  const button = await screen.findByRole('button', {
    name: 'Disable audit logging',
  });
  await waitFor(() => expect(button).toBeEnabled());
  await userEvent.click(button);
  return screen.findByRole('dialog', { name: 'Disable audit logging' });
}

describe('DisableButton', () => {
  it('is shown disabled, with the reason, when removal is denied', async () => {
    const { remove } = await renderButton({
      entityRef: 'resource:default/denied',
      permission: AuthorizeResult.DENY,
    });
    const reason = await screen.findByTitle(
      'You are not allowed to disable audit logging on this cluster (permission cos-auditd.remove).',
    );
    expect(
      within(reason).getByRole('button', { name: 'Disable audit logging' }),
    ).toBeDisabled();
    expect(remove).not.toHaveBeenCalled();
  });

  it('offers both modes, turning audit logging off by default', async () => {
    await renderButton({ entityRef: 'resource:default/offers-modes' });
    const dialog = await openDialog();
    expect(
      within(dialog).getByRole('radio', {
        name: 'Turn audit logging off on every node',
      }),
    ).toBeChecked();
    const stopShipping = within(dialog).getByRole('radio', {
      name: 'Stop shipping records only',
    });
    expect(stopShipping).not.toBeChecked();
    expect(stopShipping).toHaveAccessibleDescription(
      /every covered node stays locked, still auditing, until it is recreated/,
    );
    expect(
      within(dialog).getByRole('button', { name: 'Disable' }),
    ).toBeInTheDocument();
  });

  it('disables in the default mode with the auth provider', async () => {
    const entityRef = 'resource:default/default-mode';
    const { remove, onStarted, onFinished } = await renderButton({
      entityRef,
      authProvider: 'google',
    });
    const dialog = await openDialog();
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Disable' }),
    );

    await waitFor(() => expect(onFinished).toHaveBeenCalledTimes(1));
    expect(onStarted).toHaveBeenCalledTimes(1);
    expect(remove).toHaveBeenCalledWith(
      entityRef,
      { mode: 'disable' },
      { authProvider: 'google' },
    );
  });

  it('passes the result to onFinished and closes the dialog', async () => {
    const entityRef = 'resource:default/result';
    const { onFinished } = await renderButton({ entityRef });
    const dialog = await openDialog();
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Disable' }),
    );

    await waitFor(() =>
      expect(onFinished).toHaveBeenCalledWith({
        result: removeResult(entityRef),
      }),
    );
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
  });

  it('stops shipping only when that mode is chosen', async () => {
    const entityRef = 'resource:default/stop-shipping';
    const { remove } = await renderButton({ entityRef });
    const dialog = await openDialog();
    await userEvent.click(
      within(dialog).getByRole('radio', { name: 'Stop shipping records only' }),
    );
    expect(
      within(dialog).queryByRole('button', { name: 'Disable' }),
    ).not.toBeInTheDocument();
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Stop shipping' }),
    );

    await waitFor(() =>
      expect(remove).toHaveBeenCalledWith(
        entityRef,
        { mode: 'stop-shipping' },
        { authProvider: undefined },
      ),
    );
  });

  it('shows progress and holds the buttons while the removal runs', async () => {
    const remove: RemoveMock = jest.fn(
      () => new Promise<RemoveResult>(() => {}),
    );
    await renderButton({ entityRef: 'resource:default/pending', remove });
    const dialog = await openDialog();
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Disable' }),
    );

    expect(
      await within(dialog).findByText(PENDING_SENTENCE),
    ).toBeInTheDocument();
    expect(await within(dialog).findByRole('progressbar')).toBeInTheDocument();
    expect(
      within(dialog).getByRole('button', { name: 'Disable' }),
    ).toBeDisabled();
    expect(
      within(dialog).getByRole('button', { name: 'Cancel' }),
    ).toBeDisabled();
  });

  it('keeps the dialog open with the error when the removal fails', async () => {
    const failure = new Error('daemonsets.apps is forbidden for jane.doe');
    const remove: RemoveMock = jest.fn(async () => {
      throw failure;
    });
    const { onFinished } = await renderButton({
      entityRef: 'resource:default/fails',
      remove,
    });
    const dialog = await openDialog();
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Disable' }),
    );

    expect(
      await within(dialog).findByText(
        'daemonsets.apps is forbidden for jane.doe',
      ),
    ).toBeInTheDocument();
    expect(onFinished).toHaveBeenCalledWith({ error: failure });
    expect(screen.getByRole('dialog')).toBeInTheDocument();
    expect(
      within(dialog).getByRole('button', { name: 'Disable' }),
    ).toBeEnabled();
  });

  it('closes on Cancel without removing anything', async () => {
    const { remove, onStarted } = await renderButton({
      entityRef: 'resource:default/cancel',
    });
    const dialog = await openDialog();
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Cancel' }),
    );

    await waitForElementToBeRemoved(() => screen.queryByRole('dialog'));
    expect(remove).not.toHaveBeenCalled();
    expect(onStarted).not.toHaveBeenCalled();
  });
});
