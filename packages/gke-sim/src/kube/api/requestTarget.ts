import { KubeError } from '../KubeError';
import { findResourceType, NAMESPACES, ResourceType } from '../resources';

/** What a resource URL names. */
export type ResourceTarget = {
  resource: ResourceType;
  /** The namespace in the URL; undefined for cluster-scoped or cluster-wide requests. */
  namespace?: string;
  /** The object's name; undefined for collection requests. */
  name?: string;
  subresource?: 'status';
};

/**
 * Parses `/api/v1/...` and `/apis/<group>/<version>/...` resource paths;
 * undefined when the path is not a resource path (discovery and others).
 */
export function parseResourcePath(path: string): ResourceTarget | undefined {
  const segments = path
    .split('/')
    .filter(s => s !== '')
    .map(decodeURIComponent);
  let group: string;
  let rest: string[];
  if (segments[0] === 'api' && segments.length >= 3) {
    group = '';
    rest = segments.slice(1);
  } else if (segments[0] === 'apis' && segments.length >= 4) {
    group = segments[1];
    rest = segments.slice(2);
  } else {
    return undefined;
  }
  const [version, ...parts] = rest;
  let namespace: string | undefined;
  if (parts[0] === 'namespaces' && parts.length >= 3) {
    namespace = parts[1];
    parts.splice(0, 2);
  }
  const [plural, name, subresource, ...extra] = parts;
  const resource = findResourceType(group, version, plural);
  if (!resource) {
    throw new KubeError(
      404,
      'NotFound',
      'the server could not find the requested resource',
      {},
    );
  }
  if (
    extra.length > 0 ||
    (subresource !== undefined && subresource !== 'status')
  ) {
    throw new KubeError(
      404,
      'NotFound',
      'the server could not find the requested resource',
      {},
    );
  }
  if (namespace !== undefined && !resource.namespaced) {
    throw new KubeError(
      404,
      'NotFound',
      'the server could not find the requested resource',
      {},
    );
  }
  // `/api/v1/namespaces/<name>` is a Namespace, not a namespaced collection.
  if (resource === NAMESPACES && namespace !== undefined) {
    return undefined;
  }
  return {
    resource,
    namespace,
    name,
    subresource: subresource as 'status' | undefined,
  };
}

/** `/api/v1/namespaces/<name>[/status]`, which the generic parse leaves alone. */
export function parseNamespacePath(path: string): ResourceTarget | undefined {
  const match = /^\/api\/v1\/namespaces\/([^/]+)(\/status)?\/?$/.exec(path);
  if (!match) {
    return undefined;
  }
  return {
    resource: NAMESPACES,
    name: decodeURIComponent(match[1]),
    subresource: match[2] ? 'status' : undefined,
  };
}
