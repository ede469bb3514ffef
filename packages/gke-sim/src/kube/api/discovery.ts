import { RESOURCE_TYPES, ResourceType } from '../resources';

/**
 * The discovery documents kubectl and clients read to map kinds to URLs.
 * Only the classic (non-aggregated) form is served; kubectl falls back to
 * it when the aggregated form is not offered.
 */
export function discoveryDocument(
  path: string,
  serverAddress: string,
  kubernetesVersion: string,
): unknown {
  const clean = path.replace(/\/+$/, '') || '/';
  switch (clean) {
    case '/version':
      return versionInfo(kubernetesVersion);
    case '/api':
      return {
        kind: 'APIVersions',
        versions: ['v1'],
        serverAddressByClientCIDRs: [
          { clientCIDR: '0.0.0.0/0', serverAddress },
        ],
      };
    case '/apis':
      return {
        kind: 'APIGroupList',
        apiVersion: 'v1',
        groups: [appsGroup()],
      };
    case '/apis/apps':
      return { kind: 'APIGroup', apiVersion: 'v1', ...appsGroup() };
    case '/api/v1':
      return resourceList('v1', '');
    case '/apis/apps/v1':
      return resourceList('apps/v1', 'apps');
    default:
      return undefined;
  }
}

function versionInfo(gitVersion: string) {
  const [, major, minor] = /^v(\d+)\.(\d+)/.exec(gitVersion) ?? ['', '1', '32'];
  return {
    major,
    minor,
    gitVersion,
    gitCommit: '0000000000000000000000000000000000000000',
    gitTreeState: 'clean',
    buildDate: '2025-06-01T00:00:00Z',
    goVersion: 'go1.23.6 X:boringcrypto',
    compiler: 'gc',
    platform: 'linux/amd64',
  };
}

function appsGroup() {
  const version = { groupVersion: 'apps/v1', version: 'v1' };
  return { name: 'apps', versions: [version], preferredVersion: version };
}

const VERBS = ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'];

function resourceList(groupVersion: string, group: string) {
  const resources = RESOURCE_TYPES.filter(r => r.group === group).flatMap(
    (resource: ResourceType) => [
      {
        name: resource.plural,
        singularName: resource.singular,
        namespaced: resource.namespaced,
        kind: resource.kind,
        verbs: VERBS,
        shortNames: resource.shortNames,
        ...(resource.plural === 'daemonsets' ? { categories: ['all'] } : {}),
        ...(resource.plural === 'pods' ? { categories: ['all'] } : {}),
      },
      ...(resource.hasStatus
        ? [
            {
              name: `${resource.plural}/status`,
              singularName: '',
              namespaced: resource.namespaced,
              kind: resource.kind,
              verbs: ['get'],
            },
          ]
        : []),
    ],
  );
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion,
    resources,
  };
}
