import type { ResourcePermission } from '@backstage/plugin-permission-common';
import { usePermission } from '@backstage/plugin-permission-react';
import Button, { ButtonProps } from '@material-ui/core/Button';
import Tooltip from '@material-ui/core/Tooltip';

/** @public */
export type PermissionedButtonProps = Omit<ButtonProps, 'disabled'> & {
  /** The permission the action needs, checked against the cluster entity. */
  permission: ResourcePermission<'catalog-entity'>;
  /** The cluster entity the action acts on. */
  entityRef: string;
  /** Disabled for another reason (say, an operation is already running). */
  disabled?: boolean;
  /** Says what the user may not do, e.g. "disable audit logging". */
  deniedAction: string;
};

/**
 * A button for an action on a cluster that the user may or may not be
 * allowed to take. While the permission is checked it is disabled; when it is
 * denied it stays visible but disabled, with a tooltip that says why, so
 * users learn the action exists and whom to ask.
 *
 * @public
 */
export function PermissionedButton(props: PermissionedButtonProps) {
  const { permission, entityRef, disabled, deniedAction, ...buttonProps } =
    props;
  const { loading, allowed } = usePermission({
    permission,
    resourceRef: entityRef,
  });
  const button = (
    <Button {...buttonProps} disabled={disabled || loading || !allowed} />
  );
  if (loading || allowed) {
    return button;
  }
  // A disabled button fires no events, so the tooltip needs a wrapper.
  return (
    <Tooltip
      title={`You are not allowed to ${deniedAction} on this cluster (permission ${permission.name}).`}
    >
      <span>{button}</span>
    </Tooltip>
  );
}
