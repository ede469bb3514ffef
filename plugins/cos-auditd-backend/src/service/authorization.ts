import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  ResourcePermission,
} from '@backstage/plugin-permission-common';

/**
 * Permission checks on cluster entities. Every route goes through one of
 * these, so a policy can allow reading a cluster's status to everyone and
 * changing it to its owners only.
 */
export class ClusterAuthorization {
  readonly #permissions: PermissionsService;

  static create(options: { permissions: PermissionsService }) {
    return new ClusterAuthorization(options.permissions);
  }

  private constructor(permissions: PermissionsService) {
    this.#permissions = permissions;
  }

  /** Throws NotAllowedError (403) unless the policy allows `permission` on the entity. */
  async require(
    permission: ResourcePermission<'catalog-entity'>,
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<void> {
    const [decision] = await this.#permissions.authorize(
      [{ permission, resourceRef: entityRef }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `You are not allowed to ${describe(
          permission,
        )} ${entityRef} (permission ${permission.name})`,
      );
    }
  }

  /** The entity refs among `entityRefs` the policy allows `permission` on, in one round trip. */
  async filter(
    permission: ResourcePermission<'catalog-entity'>,
    entityRefs: string[],
    credentials: BackstageCredentials,
  ): Promise<Set<string>> {
    if (entityRefs.length === 0) {
      return new Set();
    }
    const decisions = await this.#permissions.authorize(
      entityRefs.map(resourceRef => ({ permission, resourceRef })),
      { credentials },
    );
    return new Set(
      entityRefs.filter(
        (_, index) => decisions[index].result === AuthorizeResult.ALLOW,
      ),
    );
  }
}

function describe(permission: ResourcePermission<'catalog-entity'>) {
  switch (permission.attributes.action) {
    case 'update':
      return 'enable or change audit logging on';
    case 'delete':
      return 'remove audit logging from';
    default:
      return 'read';
  }
}
