import { KubeError } from '../KubeError';
import { ResourceType } from '../resources';

export type ApiVerb =
  | 'get'
  | 'list'
  | 'watch'
  | 'create'
  | 'update'
  | 'patch'
  | 'delete';

/** Who a bearer token belongs to and whether it may write. */
export type ApiUser = { name: string; canWrite: boolean };

const READ_VERBS: ApiVerb[] = ['get', 'list', 'watch'];

/** The user of a request's bearer token; 401 Unauthorized for none or an unknown one. */
export function authenticate(
  authorization: string | undefined,
  tokens: { adminToken: string; readOnlyToken: string },
): ApiUser {
  const token = /^Bearer\s+(.+)$/i.exec(authorization ?? '')?.[1]?.trim();
  if (token && token === tokens.adminToken) {
    return { name: 'gke-sim-admin', canWrite: true };
  }
  if (token && token === tokens.readOnlyToken) {
    return { name: 'gke-sim-read-only', canWrite: false };
  }
  throw new KubeError(401, 'Unauthorized', 'Unauthorized');
}

/** 403 Forbidden, worded like RBAC's denial, when the user may not use the verb. */
export function authorize(
  user: ApiUser,
  verb: ApiVerb,
  resource: ResourceType,
  namespace: string | undefined,
  name: string | undefined,
) {
  if (user.canWrite || READ_VERBS.includes(verb)) {
    return;
  }
  const what = resource.group
    ? `${resource.plural}.${resource.group}`
    : resource.plural;
  const subject = name ? `${what} "${name}"` : what;
  const scope = namespace
    ? `in the namespace "${namespace}"`
    : 'at the cluster scope';
  throw new KubeError(
    403,
    'Forbidden',
    `${subject} is forbidden: User "${user.name}" cannot ${verb} resource "${resource.plural}" in API group "${resource.group}" ${scope}`,
    { name, group: resource.group, kind: resource.plural },
  );
}
