/**
 * The resource types the simulated API serves, with what discovery, routing
 * and the store need to know about each.
 */
export type ResourceType = {
  /** API group; '' is the core group. */
  group: '' | 'apps';
  version: 'v1';
  /** URL name, e.g. `daemonsets`. */
  plural: string;
  singular: string;
  kind: string;
  namespaced: boolean;
  shortNames: string[];
  /** Whether spec changes increment `metadata.generation`. */
  hasGeneration: boolean;
  /** Whether `status` is a subresource (ignored on writes to the main resource). */
  hasStatus: boolean;
};

const core = (
  plural: string,
  kind: string,
  namespaced: boolean,
  shortNames: string[],
  hasStatus: boolean,
): ResourceType => ({
  group: '',
  version: 'v1',
  plural,
  singular: kind.toLowerCase(),
  kind,
  namespaced,
  shortNames,
  hasGeneration: false,
  hasStatus,
});

export const NAMESPACES = core('namespaces', 'Namespace', false, ['ns'], true);
export const CONFIGMAPS = core('configmaps', 'ConfigMap', true, ['cm'], false);
export const PODS = core('pods', 'Pod', true, ['po'], true);
export const NODES = core('nodes', 'Node', false, ['no'], true);
export const DAEMONSETS: ResourceType = {
  group: 'apps',
  version: 'v1',
  plural: 'daemonsets',
  singular: 'daemonset',
  kind: 'DaemonSet',
  namespaced: true,
  shortNames: ['ds'],
  hasGeneration: true,
  hasStatus: true,
};

/** Every resource type the simulator serves. */
export const RESOURCE_TYPES: ResourceType[] = [
  NAMESPACES,
  CONFIGMAPS,
  PODS,
  NODES,
  DAEMONSETS,
];

/** `v1` or `apps/v1`, as objects carry it. */
export function apiVersionOf(resource: ResourceType): string {
  return resource.group
    ? `${resource.group}/${resource.version}`
    : resource.version;
}

/** `daemonsets.apps` or `pods`, as error messages name a resource. */
export function qualifiedName(resource: ResourceType): string {
  return resource.group
    ? `${resource.plural}.${resource.group}`
    : resource.plural;
}

/** `DaemonSet.apps` or `Pod`, as validation messages name a kind. */
export function qualifiedKind(resource: ResourceType): string {
  return resource.group ? `${resource.kind}.${resource.group}` : resource.kind;
}

export function findResourceType(
  group: string,
  version: string,
  plural: string,
): ResourceType | undefined {
  return RESOURCE_TYPES.find(
    r => r.group === group && r.version === version && r.plural === plural,
  );
}
