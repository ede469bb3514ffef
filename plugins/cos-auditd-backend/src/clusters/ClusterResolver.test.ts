import { Entity } from '@backstage/catalog-model';
import { mockCredentials } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { ClusterResolver, clusterEntityRef } from './ClusterResolver';

function clusterEntity(
  annotations: Record<string, string | undefined> = {},
  overrides: Partial<Entity> = {},
): Entity {
  const merged = {
    'kubernetes.io/api-server': 'https://34.78.1.20',
    'kubernetes.io/auth-provider': 'serviceAccount',
    'cos-auditd.io/gcp-project': 'demo-project',
    'cos-auditd.io/gke-location': 'europe-west1',
    ...annotations,
  };
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: 'prod-cluster',
      namespace: 'default',
      annotations: Object.fromEntries(
        Object.entries(merged).filter(([, v]) => v !== undefined),
      ) as Record<string, string>,
    },
    spec: { type: 'kubernetes-cluster', owner: 'group:default/platform' },
    ...overrides,
  };
}

function resolverWith(entities: Entity[]) {
  return ClusterResolver.create({
    catalog: catalogServiceMock({ entities }),
    allowedClusterOrigins: new Set(['http://127.0.0.1:16443']),
  });
}

const credentials = mockCredentials.user();

describe('ClusterResolver', () => {
  it('reads a cluster entity into a target with its GKE identity', async () => {
    const target = await resolverWith([clusterEntity()]).resolve(
      { namespace: 'default', name: 'prod-cluster' },
      { credentials },
    );
    expect(target).toMatchObject({
      entityRef: 'resource:default/prod-cluster',
      url: 'https://34.78.1.20',
      authProvider: 'serviceAccount',
      gke: {
        project: 'demo-project',
        location: 'europe-west1',
        clusterName: 'prod-cluster',
      },
    });
  });

  it('takes the GKE cluster name from its annotation when set', () => {
    const target = resolverWith([]).targetOf(
      clusterEntity({ 'cos-auditd.io/gke-cluster-name': 'gke-prod-1' }),
    );
    expect(target.gke.clusterName).toBe('gke-prod-1');
  });

  it('answers 404 for an entity the catalog does not have', async () => {
    await expect(
      resolverWith([]).resolve(
        { namespace: 'default', name: 'nope' },
        { credentials },
      ),
    ).rejects.toMatchObject({ name: 'NotFoundError' });
  });

  it.each([
    [
      { 'kubernetes.io/api-server': undefined },
      /lacks the annotation kubernetes.io\/api-server/,
    ],
    [
      { 'kubernetes.io/auth-provider': undefined },
      /lacks the annotation kubernetes.io\/auth-provider/,
    ],
    [
      { 'cos-auditd.io/gcp-project': undefined },
      /lacks the annotation cos-auditd.io\/gcp-project/,
    ],
    [
      { 'cos-auditd.io/gke-location': undefined },
      /lacks the annotation cos-auditd.io\/gke-location/,
    ],
    [
      { 'kubernetes.io/auth-provider': 'aws' },
      /supports serviceAccount, googleServiceAccount, google/,
    ],
    [{ 'kubernetes.io/api-server': 'http://34.78.1.20' }, /is not HTTPS/],
    [{ 'kubernetes.io/api-server': 'https://10.1.2.3' }, /private address/],
    [
      { 'cos-auditd.io/gcp-project': 'Bad Project!' },
      /is not a Google Cloud project id/,
    ],
    [{ 'cos-auditd.io/gke-location': 'mars' }, /is not a GKE zone or region/],
    [
      { 'cos-auditd.io/gke-cluster-name': 'Not_Valid' },
      /is not a GKE cluster name/,
    ],
  ])('refuses an entity with %o', (annotations, message) => {
    expect(() => resolverWith([]).targetOf(clusterEntity(annotations))).toThrow(
      expect.objectContaining({
        name: 'InputError',
        message: expect.stringMatching(message),
      }),
    );
  });

  it('refuses entities that are not kubernetes-cluster resources', () => {
    expect(() =>
      resolverWith([]).targetOf(
        clusterEntity({}, { kind: 'Component', spec: { type: 'service' } }),
      ),
    ).toThrow(/is not a cluster/);
  });

  it('lists only kubernetes-cluster resources', async () => {
    const other = clusterEntity({}, { spec: { type: 'database' } });
    other.metadata = { ...other.metadata, name: 'a-database' };
    const list = await resolverWith([clusterEntity(), other]).list({
      credentials,
    });
    expect(list.map(e => e.metadata.name)).toEqual(['prod-cluster']);
  });
});

describe('clusterEntityRef', () => {
  it('builds a resource ref', () => {
    expect(
      clusterEntityRef({ namespace: 'default', name: 'demo-gke-prod' }),
    ).toBe('resource:default/demo-gke-prod');
  });

  it.each([
    { namespace: 'Default', name: 'x' },
    { namespace: 'default', name: '../etc' },
    { namespace: 'default', name: 'a b' },
    { namespace: 'default', name: 'x'.repeat(64) },
    { namespace: '', name: 'x' },
  ])('refuses %o with 400', ref => {
    expect(() => clusterEntityRef(ref)).toThrow(
      expect.objectContaining({ name: 'InputError' }),
    );
  });
});
