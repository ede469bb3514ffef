import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  DAEMONSETS,
  RunningSimulator,
  startGkeSimulator,
} from '@cos-auditd/gke-sim';
import {
  simulatorConfig,
  permissionsDenying,
  startCosAuditdBackend,
  waitForStatus,
} from './__testUtils__';

jest.setTimeout(60_000);

const auth = mockCredentials.user.header();
const base = '/api/cos-auditd/clusters/default';

describe('when clusters or callers fail', () => {
  let sim: RunningSimulator;

  beforeEach(async () => {
    sim = await startGkeSimulator();
  });

  afterEach(async () => {
    await sim?.stop();
  });

  it('shows a cluster that refuses the credentials as a clear 403 and changes nothing', async () => {
    const backend = await startCosAuditdBackend({
      sim,
      config: simulatorConfig(sim, {
        clusters: sim.clusters.map(c => ({
          entityRef: `resource:default/${c.name}`,
          serviceAccountToken: c.readOnlyToken,
        })),
      }),
    });
    try {
      const response = await backend
        .api()
        .post(`${base}/demo-gke-prod/apply`)
        .set('Authorization', auth)
        .send({});
      expect(response.status).toBe(403);
      expect(response.body.error.message).toMatch(
        /resource:default\/demo-gke-prod refused the request \(403/,
      );
      const token = sim.cluster('demo-gke-prod').readOnlyToken;
      expect(JSON.stringify(response.body)).not.toContain(token);
      expect(
        sim.cluster('demo-gke-prod').cluster.store.list(DAEMONSETS),
      ).toEqual([]);

      const history = await backend
        .api()
        .get('/api/cos-auditd/operations')
        .set('Authorization', auth);
      expect(history.body.items[0]).toMatchObject({
        outcome: 'failed',
        error: { name: 'NotAllowedError' },
      });
    } finally {
      await backend.stop();
    }
  });

  it('reports an unreachable cluster as such, quickly, and answers 502 to an apply', async () => {
    const backend = await startCosAuditdBackend({ sim });
    try {
      sim
        .cluster('demo-gke-dev')
        .cluster.setFaults({ refuseConnections: true });
      const status = await waitForStatus(
        backend.api,
        'demo-gke-dev',
        () => true,
      );
      expect(status.phase).toBe('unreachable');
      expect(status.message).toMatch(/demo-gke-dev/);

      const apply = await backend
        .api()
        .post(`${base}/demo-gke-dev/apply`)
        .set('Authorization', auth)
        .send({});
      expect(apply.status).toBe(502);

      const list = await backend
        .api()
        .get('/api/cos-auditd/clusters')
        .set('Authorization', auth);
      const phases = Object.fromEntries(
        list.body.items.map((i: any) => [i.entityRef, i.phase]),
      );
      expect(phases['resource:default/demo-gke-dev']).toBe('unreachable');
      expect(phases['resource:default/demo-gke-prod']).toBe('not-installed');
    } finally {
      await backend.stop();
    }
  });

  it('gives up on a hanging cluster after the timeout without delaying another cluster', async () => {
    const backend = await startCosAuditdBackend({ sim });
    try {
      sim.cluster('demo-gke-dev').cluster.setFaults({ hang: true });
      const finished: string[] = [];
      const hanging = backend
        .api()
        .post(`${base}/demo-gke-dev/apply`)
        .set('Authorization', auth)
        .send({})
        .then(r => {
          finished.push('dev');
          return r;
        });
      const healthy = backend
        .api()
        .get(`${base}/demo-gke-prod/status`)
        .set('Authorization', auth)
        .then(r => {
          finished.push('prod');
          return r;
        });
      const [hangingResponse, healthyResponse] = await Promise.all([
        hanging,
        healthy,
      ]);
      expect(healthyResponse.status).toBe(200);
      expect(hangingResponse.status).toBe(504);
      expect(hangingResponse.body.error.name).toBe('ClusterTimeoutError');
      expect(finished).toEqual(['prod', 'dev']);
    } finally {
      await backend.stop();
    }
  });

  it('reports a pool whose agent cannot start as degraded', async () => {
    const backend = await startCosAuditdBackend({ sim });
    try {
      sim
        .cluster('demo-gke-prod')
        .cluster.setFaults({ pools: { 'arm-pool': 'ImagePullBackOff' } });
      await backend
        .api()
        .post(`${base}/demo-gke-prod/apply`)
        .set('Authorization', auth)
        .send({})
        .expect(200);
      const status = await waitForStatus(
        backend.api,
        'demo-gke-prod',
        // Degraded shows as soon as one node fails; wait until both arm
        // nodes have got past init, so the per-node check is not racing.
        s =>
          s.phase === 'degraded' &&
          s.nodes
            .filter(n => n.pool === 'arm-pool')
            .every(n => /Err|BackOff/.test(n.pod?.reason ?? '')),
      );
      const arm = status.nodes.filter(n => n.pool === 'arm-pool');
      expect(arm).toHaveLength(2);
      for (const node of arm) {
        expect(node.covered).toBe(false);
        expect(node.pod?.reason).toMatch(/^(ImagePullBackOff|ErrImagePull)$/);
      }
      expect(status.message).toMatch(/ImagePullBackOff|ErrImagePull/);
    } finally {
      await backend.stop();
    }
  });

  it('answers 409 naming the operation in progress when a second one starts', async () => {
    const backend = await startCosAuditdBackend({
      sim,
      config: simulatorConfig(sim, {
        remove: { disableTimeoutMs: 3000, pollIntervalMs: 100 },
      }),
    });
    try {
      await backend
        .api()
        .post(`${base}/demo-gke-prod/apply`)
        .set('Authorization', auth)
        .send({})
        .expect(200);
      await waitForStatus(
        backend.api,
        'demo-gke-prod',
        s => s.phase === 'active',
      );
      // Disable pods that never report keep the remove waiting (and holding
      // the cluster's lock) until its disable timeout.
      sim
        .cluster('demo-gke-prod')
        .cluster.setFaults({ pools: { 'default-pool': 'InitError' } });
      // supertest sends on then(); start the remove without awaiting it.
      const remove = backend
        .api()
        .post(`${base}/demo-gke-prod/remove`)
        .set('Authorization', auth)
        .send({})
        .then(response => response);
      await waitForStatus(
        backend.api,
        'demo-gke-prod',
        s => s.phase === 'disabling',
      );
      const second = await backend
        .api()
        .post(`${base}/demo-gke-prod/apply`)
        .set('Authorization', auth)
        .send({});
      expect(second.status).toBe(409);
      expect(second.body.error.message).toMatch(/remove/);
      const removed = await remove;
      expect(removed.status).toBe(200);
      expect(
        removed.body.nodes.filter((n: any) => n.pool === 'default-pool'),
      ).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ outcome: 'unknown' }),
        ]),
      );
    } finally {
      await backend.stop();
    }
  });
});

describe('permissions', () => {
  let sim: RunningSimulator;

  beforeAll(async () => {
    sim = await startGkeSimulator();
  });

  afterAll(async () => {
    await sim?.stop();
  });

  it('answers 403 on every route when the policy denies, and changes nothing', async () => {
    const backend = await startCosAuditdBackend({
      sim,
      features: [
        mockServices.permissions.factory({ result: AuthorizeResult.DENY }),
      ],
    });
    try {
      const requests = [
        backend.api().get(`${base}/demo-gke-prod/status`),
        backend.api().get(`${base}/demo-gke-prod/filters`),
        backend.api().get(`${base}/demo-gke-prod/manifest`),
        backend.api().get(`${base}/demo-gke-prod/events`),
        backend.api().post(`${base}/demo-gke-prod/apply`).send({}),
        backend.api().post(`${base}/demo-gke-prod/remove`).send({}),
        backend
          .api()
          .get('/api/cos-auditd/operations')
          .query({ entityRef: 'resource:default/demo-gke-prod' }),
      ];
      for (const pending of requests) {
        const response = await pending.set('Authorization', auth);
        expect(response.status).toBe(403);
        expect(response.body.error.name).toBe('NotAllowedError');
      }
      const list = await backend
        .api()
        .get('/api/cos-auditd/clusters')
        .set('Authorization', auth);
      expect(list.body.items).toEqual([]);
      expect(
        sim.cluster('demo-gke-prod').cluster.store.list(DAEMONSETS),
      ).toEqual([]);
    } finally {
      await backend.stop();
    }
  });

  it('allows reading but not applying when only apply is denied', async () => {
    const backend = await startCosAuditdBackend({
      sim,
      features: [permissionsDenying('cos-auditd.apply')],
    });
    try {
      await backend
        .api()
        .get(`${base}/demo-gke-prod/status`)
        .set('Authorization', auth)
        .expect(200);
      const apply = await backend
        .api()
        .post(`${base}/demo-gke-prod/apply`)
        .set('Authorization', auth)
        .send({});
      expect(apply.status).toBe(403);
      expect(apply.body.error.message).toMatch(/cos-auditd\.apply/);
    } finally {
      await backend.stop();
    }
  });

  it('refuses requests without Backstage credentials', async () => {
    const backend = await startCosAuditdBackend({
      sim,
      features: [
        mockServices.httpAuth.factory({
          defaultCredentials: mockCredentials.none(),
        }),
      ],
    });
    try {
      const response = await backend.api().get(`${base}/demo-gke-prod/status`);
      expect(response.status).toBe(401);
    } finally {
      await backend.stop();
    }
  });
});
