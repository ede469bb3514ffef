import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { cosAuditdRemovePermission } from '@cos-auditd/backstage-plugin-cos-auditd-common';
import { fireEvent, screen, within } from '@testing-library/react';
import { PermissionedButton } from './PermissionedButton';

// usePermission caches answers per permission and resource for the whole
// test file, so each test asks about a cluster of its own.
async function renderButton(
  entityRef: string,
  result: AuthorizeResult.ALLOW | AuthorizeResult.DENY,
  onClick = jest.fn(),
) {
  const permissionApi = mockApis.permission({ authorize: result });
  const authorize = jest.spyOn(permissionApi, 'authorize');
  await renderInTestApp(
    <PermissionedButton
      permission={cosAuditdRemovePermission}
      entityRef={entityRef}
      deniedAction="disable audit logging"
      onClick={onClick}
    >
      Disable audit logging
    </PermissionedButton>,
    { apis: [[permissionApiRef, permissionApi]] },
  );
  return { onClick, authorize };
}

describe('PermissionedButton', () => {
  it('is enabled when the permission is allowed for the cluster', async () => {
    const { onClick, authorize } = await renderButton(
      'resource:default/allowed',
      AuthorizeResult.ALLOW,
    );
    const button = await screen.findByRole('button', {
      name: 'Disable audit logging',
    });
    expect(button).toBeEnabled();
    fireEvent.click(button);
    expect(onClick).toHaveBeenCalledTimes(1);
    expect(authorize).toHaveBeenCalledWith({
      permission: cosAuditdRemovePermission,
      resourceRef: 'resource:default/allowed',
    });
  });

  it('is shown disabled, with the reason, when the permission is denied', async () => {
    await renderButton('resource:default/denied', AuthorizeResult.DENY);
    const reason = await screen.findByTitle(
      'You are not allowed to disable audit logging on this cluster (permission cos-auditd.remove).',
    );
    expect(
      within(reason).getByRole('button', { name: 'Disable audit logging' }),
    ).toBeDisabled();
  });
});
