import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { ResponseError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import type {
  ApplyResult,
  FilterSpec,
} from '@cos-auditd/backstage-plugin-cos-auditd-common';
import { FILTER_PRESET_DESCRIPTIONS } from '@cos-auditd/backstage-plugin-cos-auditd-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { finishedOperation } from '../../__testUtils__/factories';
import { CosAuditdApi, cosAuditdApiRef } from '../../api';
import {
  ApplyFiltersButton,
  ApplyFiltersButtonProps,
} from './ApplyFiltersButton';

// usePermission caches answers per permission and resource for the whole
// test file, so denied tests use a cluster of their own.
const ENTITY = 'resource:default/demo-gke-prod';
const DENIED_ENTITY = 'resource:default/demo-gke-locked';

function applyResult(spec: FilterSpec): ApplyResult {
  return {
    operation: finishedOperation('apply', {
      entityRef: ENTITY,
      outcome: 'running',
      finishedAt: null,
      spec,
    }),
    changes: [
      {
        kind: 'DaemonSet',
        namespace: 'cos-auditd',
        name: 'cos-auditd-logging',
        action: 'created',
      },
    ],
  };
}

async function conflictError(message: string): Promise<ResponseError> {
  return ResponseError.fromResponse(
    Response.json(
      {
        error: { name: 'ConflictError', message },
        response: { statusCode: 409 },
      },
      { status: 409, statusText: 'Conflict' },
    ),
  );
}

// The highlighter splits the YAML into tokens, so the manifest is found by
// the text of its code element.
const MANIFEST = 'apiVersion: apps/v1\nkind: DaemonSet\n';
const isManifest = (_content: string, element: Element | null) =>
  element?.tagName === 'CODE' &&
  (element.textContent ?? '').includes('kind: DaemonSet');
const findManifestText = (dialog: HTMLElement) =>
  within(dialog).findByText(isManifest);
const queryManifestText = (dialog: HTMLElement) =>
  within(dialog).queryByText(isManifest);

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

type FakeApi = {
  apply: jest.Mock;
  getManifest: jest.Mock;
};

function fakeApi(overrides: Partial<FakeApi> = {}): FakeApi {
  return {
    apply: jest.fn(async (_ref: string, request: { filters: FilterSpec }) =>
      applyResult(request.filters),
    ),
    getManifest: jest.fn(async () => MANIFEST),
    ...overrides,
  };
}

async function renderButton(
  props: Partial<ApplyFiltersButtonProps> = {},
  options: {
    api?: FakeApi;
    permission?: AuthorizeResult.ALLOW | AuthorizeResult.DENY;
  } = {},
) {
  const api = options.api ?? fakeApi();
  const onFinished = jest.fn();
  const onStarted = jest.fn();
  await renderInTestApp(
    <ApplyFiltersButton
      entityRef={ENTITY}
      mode="enable"
      onStarted={onStarted}
      onFinished={onFinished}
      {...props}
    />,
    {
      apis: [
        [cosAuditdApiRef, api as unknown as CosAuditdApi],
        [
          permissionApiRef,
          mockApis.permission({
            authorize: options.permission ?? AuthorizeResult.ALLOW,
          }),
        ],
      ],
    },
  );
  return { api, onFinished, onStarted, user: userEvent.setup() };
}

async function openDialog(
  user: ReturnType<typeof userEvent.setup>,
  label = 'Enable audit logging',
) {
  const button = await screen.findByRole('button', { name: label });
  await waitFor(() => expect(button).toBeEnabled());
  await user.click(button);
  return screen.findByRole('dialog', { name: label });
}

// The preview button waits for its own permission answer before it is enabled.
async function previewManifest(
  user: ReturnType<typeof userEvent.setup>,
  dialog: HTMLElement,
) {
  const button = within(dialog).getByRole('button', {
    name: 'Preview manifest',
  });
  await waitFor(() => expect(button).toBeEnabled());
  await user.click(button);
}

describe('ApplyFiltersButton', () => {
  it('offers "Enable audit logging" as the primary action in enable mode', async () => {
    await renderButton();
    const button = await screen.findByRole('button', {
      name: 'Enable audit logging',
    });
    expect(button).toHaveClass('MuiButton-containedPrimary');
  });

  it('offers "Update filters" as an outlined button in update mode', async () => {
    await renderButton({ mode: 'update' });
    const button = await screen.findByRole('button', {
      name: 'Update filters',
    });
    expect(button).toHaveClass('MuiButton-outlined');
  });

  it('is disabled, with the reason, when the user may not apply', async () => {
    await renderButton(
      { entityRef: DENIED_ENTITY },
      { permission: AuthorizeResult.DENY },
    );
    const reason = await screen.findByTitle(
      'You are not allowed to enable audit logging on this cluster (permission cos-auditd.apply).',
    );
    expect(
      within(reason).getByRole('button', { name: 'Enable audit logging' }),
    ).toBeDisabled();
  });

  it('is disabled when its parent says so', async () => {
    await renderButton({ disabled: true });
    const button = await screen.findByRole('button', {
      name: 'Enable audit logging',
    });
    expect(button).toBeDisabled();
  });

  it('opens a dialog that starts from the balanced preset', async () => {
    const { user } = await renderButton();
    const dialog = await openDialog(user);
    expect(
      within(dialog).getByRole('button', { name: /Preset/ }),
    ).toHaveTextContent('balanced');
    expect(
      within(dialog).getAllByText(
        new RegExp(escapeRegExp(FILTER_PRESET_DESCRIPTIONS.balanced)),
      ).length,
    ).toBeGreaterThan(0);
    expect(
      within(dialog).getByRole('button', { name: 'Enable' }),
    ).toBeEnabled();
  });

  it('starts from the filters it is given', async () => {
    const { user } = await renderButton({
      mode: 'update',
      initialSpec: {
        preset: 'exec-and-login',
        excludeExecutables: ['/usr/bin/curl'],
      },
    });
    const dialog = await openDialog(user, 'Update filters');
    expect(
      within(dialog).getByRole('button', { name: /Preset/ }),
    ).toHaveTextContent('exec-and-login');
    expect(within(dialog).getByLabelText('Excluded executables')).toHaveValue(
      '/usr/bin/curl',
    );
    expect(
      within(dialog).getByRole('button', { name: 'Apply filters' }),
    ).toBeEnabled();
  });

  it('says what enabling costs and does to the nodes', async () => {
    const { user } = await renderButton();
    const dialog = await openDialog(user);
    expect(
      within(dialog).getByText(
        /Cloud Logging bills the ingested audit log volume per\s+GiB, on every COS node the DaemonSet runs on/,
      ),
    ).toHaveTextContent(
      /init container turns on audit logging on each COS node/,
    );
  });

  it('says that updated filters roll out node by node', async () => {
    const { user } = await renderButton({ mode: 'update' });
    const dialog = await openDialog(user, 'Update filters');
    expect(
      within(dialog).getByText(/Cloud Logging bills the ingested audit log/),
    ).toHaveTextContent(/roll out node by node/);
  });

  it('reports an invalid executable as it is typed and refuses to apply', async () => {
    const { user } = await renderButton();
    const dialog = await openDialog(user);

    await user.type(
      within(dialog).getByLabelText('Excluded executables'),
      'usr/bin/curl',
    );

    expect(
      within(dialog).getByText(
        /^excludeExecutables\[0\]: "usr\/bin\/curl" is not an absolute executable path/,
      ),
    ).toBeInTheDocument();
    expect(
      within(dialog).getByLabelText('Excluded executables'),
    ).toHaveAttribute('aria-invalid', 'true');
    expect(
      within(dialog).getByRole('button', { name: 'Enable' }),
    ).toBeDisabled();
    expect(
      within(dialog).getByRole('button', { name: 'Preview manifest' }),
    ).toBeDisabled();
  });

  it('reports a path with a space on its own line', async () => {
    const { user } = await renderButton();
    const dialog = await openDialog(user);

    await user.type(
      within(dialog).getByLabelText('Excluded executables'),
      '/usr/bin/curl{Enter}/usr/bin/has space',
    );

    expect(
      within(dialog).getByText(
        /^excludeExecutables\[1\]: "\/usr\/bin\/has space" is not an absolute executable path/,
      ),
    ).toBeInTheDocument();
    expect(within(dialog).getByLabelText('Excluded executables')).toHaveValue(
      '/usr/bin/curl\n/usr/bin/has space',
    );
    expect(
      within(dialog).getByRole('button', { name: 'Enable' }),
    ).toBeDisabled();
  });

  it('allows applying once the executable is fixed', async () => {
    const { user } = await renderButton();
    const dialog = await openDialog(user);
    const executables = within(dialog).getByLabelText('Excluded executables');

    await user.type(executables, 'usr/bin/curl');
    expect(
      within(dialog).getByRole('button', { name: 'Enable' }),
    ).toBeDisabled();

    await user.clear(executables);
    await user.type(executables, '/usr/bin/curl');

    expect(
      within(dialog).queryByText(/is not an absolute executable path/),
    ).not.toBeInTheDocument();
    expect(
      within(dialog).getByRole('button', { name: 'Enable' }),
    ).toBeEnabled();
  });

  it('previews the manifest of the filters as typed', async () => {
    const { user, api } = await renderButton();
    const dialog = await openDialog(user);
    await user.type(
      within(dialog).getByLabelText('Excluded executables'),
      '/usr/bin/curl',
    );

    await previewManifest(user, dialog);

    expect(await findManifestText(dialog)).toBeInTheDocument();
    expect(api.getManifest).toHaveBeenCalledWith(ENTITY, {
      preset: 'balanced',
      excludeExecutables: ['/usr/bin/curl'],
    });
  });

  it('forgets the preview when the filters change', async () => {
    const { user } = await renderButton();
    const dialog = await openDialog(user);
    await previewManifest(user, dialog);
    expect(await findManifestText(dialog)).toBeInTheDocument();

    await user.type(
      within(dialog).getByLabelText('Excluded executables'),
      '/usr/bin/curl',
    );

    expect(queryManifestText(dialog)).not.toBeInTheDocument();
  });

  it('shows why the manifest could not be rendered', async () => {
    const api = fakeApi({
      getManifest: jest.fn(async () => {
        throw new Error('the backend is unavailable');
      }),
    });
    const { user } = await renderButton({}, { api });
    const dialog = await openDialog(user);

    await previewManifest(user, dialog);

    expect(
      await within(dialog).findByText(/the backend is unavailable/),
    ).toBeInTheDocument();
    expect(
      within(dialog).getByText('Could not render the manifest'),
    ).toBeInTheDocument();
  });

  it('applies exactly the filters typed, then closes and reports the result', async () => {
    const { user, api, onStarted, onFinished } = await renderButton({
      authProvider: 'google',
    });
    const dialog = await openDialog(user);
    await user.type(
      within(dialog).getByLabelText('Excluded executables'),
      '/usr/bin/curl',
    );

    await user.click(within(dialog).getByRole('button', { name: 'Enable' }));

    const spec: FilterSpec = {
      preset: 'balanced',
      excludeExecutables: ['/usr/bin/curl'],
    };
    await waitFor(() => expect(onFinished).toHaveBeenCalledTimes(1));
    expect(onStarted).toHaveBeenCalledTimes(1);
    expect(api.apply).toHaveBeenCalledWith(
      ENTITY,
      { filters: spec },
      { authProvider: 'google' },
    );
    expect(onFinished).toHaveBeenCalledWith({ result: applyResult(spec) });
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
  });

  it('shows progress while the apply runs', async () => {
    const api = fakeApi({ apply: jest.fn(() => new Promise(() => {})) });
    const { user } = await renderButton({}, { api });
    const dialog = await openDialog(user);

    await user.click(within(dialog).getByRole('button', { name: 'Enable' }));

    expect(
      within(dialog).getByRole('progressbar', { name: 'Applying' }),
    ).toBeInTheDocument();
    expect(
      within(dialog).getByRole('button', { name: 'Enable' }),
    ).toBeDisabled();
    expect(
      within(dialog).getByRole('button', { name: 'Cancel' }),
    ).toBeDisabled();
  });

  it('keeps the dialog and the input open with the error when the apply fails', async () => {
    const error = await conflictError(
      'An operation is already running on this cluster',
    );
    const api = fakeApi({
      apply: jest.fn(async () => {
        throw error;
      }),
    });
    const { user, onFinished } = await renderButton({}, { api });
    const dialog = await openDialog(user);
    await user.type(
      within(dialog).getByLabelText('Excluded executables'),
      '/usr/bin/curl',
    );

    await user.click(within(dialog).getByRole('button', { name: 'Enable' }));

    expect(
      await within(dialog).findByText(
        /Request failed with 409 Conflict: An operation is already running on this cluster/,
      ),
    ).toBeInTheDocument();
    expect(onFinished).toHaveBeenCalledWith({ error });
    expect(screen.getByRole('dialog')).toBeInTheDocument();
    expect(within(dialog).getByLabelText('Excluded executables')).toHaveValue(
      '/usr/bin/curl',
    );
    expect(
      within(dialog).getByRole('button', { name: 'Enable' }),
    ).toBeEnabled();
  });

  it('closes without applying on Cancel', async () => {
    const { user, api, onFinished } = await renderButton();
    const dialog = await openDialog(user);

    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));

    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    expect(api.apply).not.toHaveBeenCalled();
    expect(onFinished).not.toHaveBeenCalled();
  });
});
