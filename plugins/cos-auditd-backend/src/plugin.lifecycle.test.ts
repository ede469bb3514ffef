import { mockCredentials } from '@backstage/backend-test-utils';
import type {
  ActiveFilters,
  ApplyResult,
  ClusterStatus,
  Operation,
  RemoveResult,
} from '@cos-auditd/backstage-plugin-cos-auditd-common';
import {
  DAEMONSETS,
  RunningSimulator,
  startGkeSimulator,
} from '@cos-auditd/gke-sim';
import { parseAllDocuments } from 'yaml';
import { startCosAuditdBackend, waitForStatus } from './__testUtils__';

jest.setTimeout(60_000);

const auth = mockCredentials.user.header();
const base = '/api/cos-auditd/clusters/default';

describe('the audit logging lifecycle against the simulated GKE', () => {
  let sim: RunningSimulator;
  let backend: Awaited<ReturnType<typeof startCosAuditdBackend>>;

  beforeAll(async () => {
    sim = await startGkeSimulator();
    backend = await startCosAuditdBackend({ sim });
  });

  afterAll(async () => {
    await backend?.stop();
    await sim?.stop();
  });

  const api = () => backend.api();
  const kubeObjects = (cluster: string) =>
    sim
      .cluster(cluster)
      .cluster.store.list(DAEMONSETS)
      .map(o => o.metadata.name);

  it('starts as not installed', async () => {
    const status = await waitForStatus(api, 'demo-gke-prod', () => true);
    expect(status.phase).toBe('not-installed');
    expect(status.nodes).toHaveLength(7);
  });

  it('applies, rolls out and becomes active, with the Ubuntu pool not covered', async () => {
    const response = await api()
      .post(`${base}/demo-gke-prod/apply`)
      .set('Authorization', auth)
      .send({ filters: { preset: 'balanced' } });
    expect(response.status).toBe(200);
    const result = response.body as ApplyResult;
    expect(result.changes.map(c => `${c.kind}/${c.name}:${c.action}`)).toEqual([
      'Namespace/cos-auditd:created',
      'ConfigMap/cos-auditd-fluent-bit-config:created',
      'DaemonSet/cos-auditd-logging:created',
    ]);
    expect(result.operation).toMatchObject({
      kind: 'apply',
      outcome: 'succeeded',
      actor: 'user:default/mock',
      spec: { preset: 'balanced' },
    });

    const active = await waitForStatus(
      api,
      'demo-gke-prod',
      s => s.phase === 'active',
    );
    expect(active.agent).toBe('fluent-bit');
    expect(active.daemonSet).toMatchObject({ desired: 5, ready: 5 });
    const ubuntu = active.nodes.filter(n => n.pool === 'ubuntu-pool');
    expect(ubuntu).toHaveLength(2);
    expect(ubuntu.every(n => !n.cos && !n.covered && n.reason)).toBe(true);
    expect(active.nodes.filter(n => n.covered)).toHaveLength(5);
    expect(active.drift).toEqual([]);
  });

  it('changes nothing when the same spec is applied again', async () => {
    const response = await api()
      .post(`${base}/demo-gke-prod/apply`)
      .set('Authorization', auth)
      .send({ filters: { preset: 'balanced' } });
    expect(response.status).toBe(200);
    expect((response.body as ApplyResult).changes.map(c => c.action)).toEqual([
      'unchanged',
      'unchanged',
      'unchanged',
    ]);
  });

  it('updates the filters and shows them as active', async () => {
    const filters = {
      preset: 'balanced',
      excludeExecutables: ['/usr/bin/ls'],
      throttle: { rate: 500, window: 5, interval: '1s' },
    };
    const response = await api()
      .post(`${base}/demo-gke-prod/apply`)
      .set('Authorization', auth)
      .send({ filters });
    expect(response.status).toBe(200);
    expect(
      (response.body as ApplyResult).changes.map(c => `${c.kind}:${c.action}`),
    ).toEqual([
      'Namespace:unchanged',
      'ConfigMap:configured',
      'DaemonSet:configured',
    ]);

    const active = await api()
      .get(`${base}/demo-gke-prod/filters`)
      .set('Authorization', auth);
    expect(active.status).toBe(200);
    const body = active.body as ActiveFilters;
    expect(body.source).toBe('fluent-bit');
    expect(body.spec).toEqual(filters);
    expect(body.sections.map(s => s.kind)).toEqual(
      expect.arrayContaining(['grep', 'throttle']),
    );
    expect(body.raw).toContain('/usr/bin/ls');

    await waitForStatus(api, 'demo-gke-prod', s => s.phase === 'active');
  });

  it('serves the manifest an apply would send', async () => {
    const response = await api()
      .get(`${base}/demo-gke-prod/manifest`)
      .query({ filters: JSON.stringify({ preset: 'exec-and-login' }) })
      .set('Authorization', auth);
    expect(response.status).toBe(200);
    const kinds = parseAllDocuments(response.text).map(d => d.toJS().kind);
    expect(kinds).toEqual(['Namespace', 'ConfigMap', 'DaemonSet']);
    expect(response.text).toContain('demo-gke-prod');
    expect(response.text).not.toContain(':latest');
  });

  it('disables, reports each node and gives rolling recreation steps for the locked pool', async () => {
    const response = await api()
      .post(`${base}/demo-gke-prod/remove`)
      .set('Authorization', auth)
      .send({ mode: 'disable' });
    expect(response.status).toBe(200);
    const result = response.body as RemoveResult;
    const byPool = (outcome: string) => [
      ...new Set(
        result.nodes.filter(n => n.outcome === outcome).map(n => n.pool),
      ),
    ];
    expect(byPool('disabled')).toEqual(['default-pool']);
    expect(byPool('locked')).toEqual(['arm-pool']);
    expect(result.nodes).toHaveLength(5);
    expect(result.recreation.map(p => p.pool)).toEqual(['arm-pool']);
    const steps = result.recreation[0].steps.join('\n');
    expect(steps).toContain('rolling-action replace');
    expect(steps).toContain('--project=demo-project');
    expect(steps).toContain('--zone=europe-west1-b');
    expect(result.operation).toMatchObject({
      kind: 'remove',
      mode: 'disable',
      outcome: 'succeeded',
    });

    expect(kubeObjects('demo-gke-prod')).toEqual([]);
    const status = await waitForStatus(api, 'demo-gke-prod', () => true);
    expect(status.phase).toBe('removed-pending-node-recreation');
  });

  it('keeps the history of every operation', async () => {
    const response = await api()
      .get('/api/cos-auditd/operations')
      .query({ entityRef: 'resource:default/demo-gke-prod' })
      .set('Authorization', auth);
    expect(response.status).toBe(200);
    const kinds = (response.body.items as Operation[]).map(o => o.kind);
    expect(kinds).toEqual(['remove', 'apply', 'apply', 'apply']);
  });

  it('changes nothing in a dry run', async () => {
    const response = await api()
      .post(`${base}/demo-gke-dev/apply`)
      .set('Authorization', auth)
      .send({ dryRun: true });
    expect(response.status).toBe(200);
    const result = response.body as ApplyResult;
    expect(result.changes.map(c => c.action)).toEqual([
      'created',
      'created',
      'created',
    ]);
    expect(result.operation.dryRun).toBe(true);
    expect(kubeObjects('demo-gke-dev')).toEqual([]);
    const status = await waitForStatus(api, 'demo-gke-dev', () => true);
    expect(status.phase).toBe('not-installed');
  });

  it('stops shipping only, leaving every COS node locked', async () => {
    await api()
      .post(`${base}/demo-gke-dev/apply`)
      .set('Authorization', auth)
      .send({})
      .expect(200);
    await waitForStatus(api, 'demo-gke-dev', s => s.phase === 'active');
    const response = await api()
      .post(`${base}/demo-gke-dev/remove`)
      .set('Authorization', auth)
      .send({ mode: 'stop-shipping' });
    expect(response.status).toBe(200);
    const result = response.body as RemoveResult;
    expect(result.nodes.map(n => n.outcome)).toEqual(['locked', 'locked']);
    expect(result.recreation.map(p => p.pool)).toEqual(['default-pool']);
    expect(kubeObjects('demo-gke-dev')).toEqual([]);
    const status: ClusterStatus = await waitForStatus(
      api,
      'demo-gke-dev',
      () => true,
    );
    expect(status.phase).toBe('removed-pending-node-recreation');
  });

  it('has nothing to stop when stop-shipping finds nothing installed', async () => {
    const response = await api()
      .post(`${base}/demo-gke-dev/remove`)
      .set('Authorization', auth)
      .send({ mode: 'stop-shipping' });
    expect(response.status).toBe(200);
    const result = response.body as RemoveResult;
    expect(result.operation.outcome).toBe('succeeded');
    expect(result.nodes).toEqual([]);
    expect(result.recreation).toEqual([]);
    expect(result.operation.messages.join('\n')).toMatch(/Nothing to remove/);
  });

  it('still runs the disable DaemonSet after a stop-shipping removal', async () => {
    const response = await api()
      .post(`${base}/demo-gke-dev/remove`)
      .set('Authorization', auth)
      .send({ mode: 'disable' });
    expect(response.status).toBe(200);
    const result = response.body as RemoveResult;
    expect(result.operation.outcome).toBe('succeeded');
    expect(result.nodes.length).toBeGreaterThan(0);
    expect(result.nodes.every(n => n.outcome !== 'unknown')).toBe(true);
    expect(result.operation.messages.join('\n')).toMatch(
      /namespace did not exist; created it/,
    );
    expect(kubeObjects('demo-gke-dev')).toEqual([]);
  });

  it('refuses an Autopilot cluster with a clear message and reports it unsupported', async () => {
    const response = await api()
      .post(`${base}/demo-autopilot/apply`)
      .set('Authorization', auth)
      .send({});
    expect(response.status).toBe(400);
    expect(response.body.error.message).toMatch(/Autopilot/);
    const status = await waitForStatus(api, 'demo-autopilot', () => true);
    expect(status.phase).toBe('unsupported');
  });

  it('lists every cluster with its phase and coverage', async () => {
    const response = await api()
      .get('/api/cos-auditd/clusters')
      .set('Authorization', auth);
    expect(response.status).toBe(200);
    const phases = Object.fromEntries(
      response.body.items.map((i: any) => [i.entityRef, i.phase]),
    );
    expect(phases).toEqual({
      'resource:default/demo-gke-prod': 'removed-pending-node-recreation',
      'resource:default/demo-gke-dev': 'disabled',
      'resource:default/demo-autopilot': 'unsupported',
    });
  });
});
