import { mockCredentials } from '@backstage/backend-test-utils';
import type { Operation } from '@cos-auditd/backstage-plugin-cos-auditd-common';
import {
  CONFIGMAPS,
  DAEMONSETS,
  NAMESPACES,
  RunningSimulator,
  startGkeSimulator,
} from '@cos-auditd/gke-sim';
import request from 'supertest';
import { actionContext } from './__testUtils__';
import { startActionsTestBackend } from './__testUtils__/actionsTestBackend';
import {
  createCosAuditdDisableAction,
  createCosAuditdEnableAction,
} from './actions';

jest.setTimeout(60_000);

const alice = mockCredentials.user('user:default/alice');
const intruder = mockCredentials.user('user:default/intruder');

describe('the actions through the cos-auditd backend and the simulated GKE', () => {
  let sim: RunningSimulator;
  let backend: Awaited<ReturnType<typeof startActionsTestBackend>>;
  let enable: ReturnType<typeof createCosAuditdEnableAction>;
  let disable: ReturnType<typeof createCosAuditdDisableAction>;

  beforeAll(async () => {
    sim = await startGkeSimulator();
    backend = await startActionsTestBackend({
      sim,
      deniedUsers: ['user:default/intruder'],
    });
    enable = createCosAuditdEnableAction(backend);
    disable = createCosAuditdDisableAction(backend);
  });

  afterAll(async () => {
    await backend?.stop();
    await sim?.stop();
  });

  const objects = (cluster: string) => {
    const { store } = sim.cluster(cluster).cluster;
    return {
      namespaces: store
        .list(NAMESPACES)
        .map(o => o.metadata.name)
        .filter(n => n === 'cos-auditd'),
      configMaps: store
        .list(CONFIGMAPS)
        .filter(o => o.metadata.namespace === 'cos-auditd')
        .map(o => o.metadata.name),
      daemonSets: store.list(DAEMONSETS).map(o => o.metadata.name),
    };
  };

  const history = async (entityRef: string) => {
    const response = await request(backend.server)
      .get('/api/cos-auditd/operations')
      .query({ entityRef })
      .set('Authorization', mockCredentials.user.header());
    expect(response.status).toBe(200);
    return response.body.items as Operation[];
  };

  it('enables audit logging as the initiator, recorded in the history', async () => {
    const ctx = actionContext({
      input: {
        entityRef: 'resource:default/demo-gke-prod',
        filters: { preset: 'balanced' },
      },
      credentials: alice,
    });
    await enable.handler(ctx);

    expect(objects('demo-gke-prod')).toEqual({
      namespaces: ['cos-auditd'],
      configMaps: ['cos-auditd-fluent-bit-config'],
      daemonSets: ['cos-auditd-logging'],
    });
    const outputs = Object.fromEntries(
      (ctx.output as jest.Mock).mock.calls.map(([k, v]) => [k, v]),
    );
    expect(outputs.changes.map((c: any) => `${c.kind}:${c.action}`)).toEqual([
      'Namespace:created',
      'ConfigMap:created',
      'DaemonSet:created',
    ]);
    expect(['rolling-out', 'active']).toContain(outputs.phase);

    const [latest] = await history('resource:default/demo-gke-prod');
    expect(latest).toMatchObject({
      id: outputs.operationId,
      kind: 'apply',
      outcome: 'succeeded',
      actor: 'user:default/alice',
      spec: { preset: 'balanced' },
    });
  });

  it('changes nothing when enable runs again with the same spec', async () => {
    const ctx = actionContext({
      input: {
        entityRef: 'default/demo-gke-prod',
        filters: { preset: 'balanced' },
      },
      credentials: alice,
    });
    await enable.handler(ctx);
    expect(ctx.output).toHaveBeenCalledWith(
      'changes',
      expect.arrayContaining([
        expect.objectContaining({ action: 'unchanged' }),
      ]),
    );
    const changes = (ctx.output as jest.Mock).mock.calls.find(
      ([k]) => k === 'changes',
    )![1];
    expect(changes.map((c: any) => c.action)).toEqual([
      'unchanged',
      'unchanged',
      'unchanged',
    ]);
    expect(await history('resource:default/demo-gke-prod')).toHaveLength(2);
  });

  it('refuses a user the permission policy denies, and changes nothing', async () => {
    const before = objects('demo-gke-dev');
    await expect(
      enable.handler(
        actionContext({
          input: { entityRef: 'demo-gke-dev' },
          credentials: intruder,
        }),
      ),
    ).rejects.toThrow(
      /^cos-auditd answered 403 NotAllowedError: You are not allowed to enable or change audit logging on resource:default\/demo-gke-dev \(permission cos-auditd\.apply\)/,
    );
    await expect(
      disable.handler(
        actionContext({
          input: { entityRef: 'demo-gke-prod' },
          credentials: intruder,
        }),
      ),
    ).rejects.toThrow(
      /^cos-auditd answered 403 NotAllowedError: .*permission cos-auditd\.remove/,
    );
    expect(objects('demo-gke-dev')).toEqual(before);
    expect(objects('demo-gke-prod').daemonSets).toEqual(['cos-auditd-logging']);
    expect(await history('resource:default/demo-gke-dev')).toEqual([]);
  });

  it('disables, reports each node and removes every object', async () => {
    const ctx = actionContext({
      input: { entityRef: 'demo-gke-prod' },
      credentials: alice,
    });
    await disable.handler(ctx);

    // The namespace is deleted last and may still be terminating.
    expect(objects('demo-gke-prod')).toMatchObject({
      configMaps: [],
      daemonSets: [],
    });
    const outputs = Object.fromEntries(
      (ctx.output as jest.Mock).mock.calls.map(([k, v]) => [k, v]),
    );
    expect(outputs.nodes).toHaveLength(5);
    expect(
      [
        ...new Set(outputs.nodes.map((n: any) => `${n.pool}:${n.outcome}`)),
      ].sort(),
    ).toEqual(['arm-pool:locked', 'default-pool:disabled']);
    expect(outputs.recreation.map((p: any) => p.pool)).toEqual(['arm-pool']);

    const [latest] = await history('resource:default/demo-gke-prod');
    expect(latest).toMatchObject({
      id: outputs.operationId,
      kind: 'remove',
      mode: 'disable',
      outcome: 'succeeded',
      actor: 'user:default/alice',
    });
  });

  it('succeeds on a cluster with nothing installed', async () => {
    expect(objects('demo-gke-dev').daemonSets).toEqual([]);
    const ctx = actionContext({
      input: { entityRef: 'demo-gke-dev' },
      credentials: alice,
    });
    await disable.handler(ctx);
    expect(ctx.output).toHaveBeenCalledWith('nodes', []);
    expect(ctx.logger.info).toHaveBeenCalledWith(
      expect.stringContaining(
        'Nothing of cos-auditd is installed on resource:default/demo-gke-dev (phase not-installed',
      ),
    );
    expect(objects('demo-gke-dev').daemonSets).toEqual([]);
    expect(await history('resource:default/demo-gke-dev')).toEqual([]);
  });
});
