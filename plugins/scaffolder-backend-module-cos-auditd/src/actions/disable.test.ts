import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import type { RemoveResult } from '@cos-auditd/backstage-plugin-cos-auditd-common';
import { actionContext, errorBody, mockFetch } from '../__testUtils__';
import { createCosAuditdDisableAction } from './disable';

const removed = (
  changes: Array<{ kind: string; name: string; action: string }>,
  recreation: RemoveResult['recreation'] = [],
) =>
  ({
    operation: {
      id: 'op-9',
      entityRef: 'resource:default/demo-gke-prod',
      kind: 'remove',
      outcome: 'succeeded',
      startedAt: '2026-01-01T00:00:00.000Z',
      finishedAt: '2026-01-01T00:00:05.000Z',
      actor: 'user:default/alice',
      dryRun: false,
      spec: null,
      mode: 'disable',
      changes,
      nodes: [],
      recreation,
      messages: ['Audit logging is disabled on all 2 COS nodes.'],
      error: null,
    },
    nodes: [
      { node: 'n1', pool: 'default-pool', outcome: 'disabled' },
      {
        node: 'n2',
        pool: 'arm-pool',
        outcome: 'locked',
        message: 'audit configuration is locked',
      },
    ],
    recreation,
  } as RemoveResult);

/** `GET .../status` of a cluster with the logging DaemonSet. */
const installed = {
  entityRef: 'resource:default/demo-gke-prod',
  phase: 'active',
  message: '5 of 5 COS nodes covered.',
  daemonSet: { name: 'cos-auditd-logging' },
  agent: 'fluent-bit',
};

const plan = {
  pool: 'arm-pool',
  nodes: ['n2'],
  instanceGroups: [{ name: 'gke-arm-pool-grp', zone: 'europe-west1-b' }],
  steps: ['gcloud compute instance-groups managed rolling-action replace …'],
};

describe('cos-auditd:disable', () => {
  const action = createCosAuditdDisableAction({
    discovery: mockServices.discovery(),
    auth: mockServices.auth(),
    conflictRetry: { retries: 1, initialDelayMs: 1 },
  });
  const base =
    'http://localhost:0/api/cos-auditd/clusters/default/demo-gke-prod';

  afterEach(() => jest.restoreAllMocks());

  it('describes itself with examples and a schema', () => {
    expect(action.id).toBe('cos-auditd:disable');
    expect(action.examples?.map(e => e.example).join()).toContain(
      'stop-shipping',
    );
    expect(Object.keys(action.schema?.input?.properties ?? {})).toEqual([
      'entityRef',
      'mode',
    ]);
    expect(Object.keys(action.schema?.output?.properties ?? {})).toEqual([
      'operationId',
      'nodes',
      'recreation',
    ]);
  });

  it('removes as the initiator with mode disable by default and outputs node outcomes and recreation', async () => {
    const { requests } = mockFetch(
      { status: 200, body: installed },
      {
        status: 200,
        body: removed(
          [
            {
              kind: 'DaemonSet',
              name: 'cos-auditd-logging',
              action: 'deleted',
            },
          ],
          [plan],
        ),
      },
    );
    const ctx = actionContext({
      input: { entityRef: 'resource:default/demo-gke-prod' },
      credentials: mockCredentials.user('user:default/alice'),
    });
    await action.handler(ctx);

    expect(requests).toEqual([
      expect.objectContaining({ method: 'GET', url: `${base}/status` }),
      expect.objectContaining({
        method: 'POST',
        url: `${base}/remove`,
        body: { mode: 'disable' },
      }),
    ]);
    expect(requests[1].headers.Authorization).toBe(
      mockCredentials.service.header({
        onBehalfOf: mockCredentials.user('user:default/alice'),
        targetPluginId: 'cos-auditd',
      }),
    );
    expect(ctx.output).toHaveBeenCalledWith('operationId', 'op-9');
    expect(ctx.output).toHaveBeenCalledWith('nodes', [
      { node: 'n1', pool: 'default-pool', outcome: 'disabled' },
      {
        node: 'n2',
        pool: 'arm-pool',
        outcome: 'locked',
        message: 'audit configuration is locked',
      },
    ]);
    expect(ctx.output).toHaveBeenCalledWith('recreation', [plan]);
    expect(ctx.logger.warn).toHaveBeenCalledWith(
      expect.stringContaining('rolling-action replace'),
    );
  });

  it('passes stop-shipping and leaves recreation out when nothing is locked', async () => {
    const { requests } = mockFetch(
      { status: 200, body: installed },
      {
        status: 200,
        body: removed([
          { kind: 'DaemonSet', name: 'cos-auditd-logging', action: 'deleted' },
        ]),
      },
    );
    const ctx = actionContext({
      input: { entityRef: 'demo-gke-prod', mode: 'stop-shipping' as const },
    });
    await action.handler(ctx);
    expect(requests[1].body).toEqual({ mode: 'stop-shipping' });
    expect(ctx.output).not.toHaveBeenCalledWith(
      'recreation',
      expect.anything(),
    );
  });

  it('succeeds without removing anything on a cluster with nothing installed', async () => {
    const { requests } = mockFetch({
      status: 200,
      body: {
        ...installed,
        phase: 'not-installed',
        message: 'Audit logging is not installed',
        daemonSet: null,
        agent: null,
      },
    });
    const ctx = actionContext({ input: { entityRef: 'demo-gke-prod' } });
    await action.handler(ctx);
    expect(requests.map(r => r.method)).toEqual(['GET']);
    expect(ctx.output).toHaveBeenCalledWith('nodes', []);
    expect(ctx.output).not.toHaveBeenCalledWith(
      'operationId',
      expect.anything(),
    );
    expect(ctx.logger.info).toHaveBeenCalledWith(
      expect.stringContaining(
        'Nothing of cos-auditd is installed on resource:default/demo-gke-prod (phase not-installed',
      ),
    );
  });

  it.each([
    [{ entityRef: 'group:default/platform' }, /is a group/],
    [{ entityRef: 'demo-gke-prod', mode: 'wipe' }, /mode must be one of/],
  ])('refuses %j before calling the backend', async (input, message) => {
    const { spy } = mockFetch();
    await expect(
      action.handler(actionContext({ input: input as any })),
    ).rejects.toThrow(message);
    expect(spy).not.toHaveBeenCalled();
  });

  it('retries a 409 once, then fails with the conflict message', async () => {
    const busy = {
      status: 409,
      body: errorBody(
        409,
        'ConflictError',
        'Operation op-1 (apply) is running on resource:default/demo-gke-prod',
      ),
    };
    const { requests } = mockFetch(
      { status: 200, body: installed },
      busy,
      busy,
    );
    await expect(
      action.handler(actionContext({ input: { entityRef: 'demo-gke-prod' } })),
    ).rejects.toThrow(
      'cos-auditd answered 409 ConflictError: Operation op-1 (apply) is running on resource:default/demo-gke-prod',
    );
    expect(requests.map(r => r.method)).toEqual(['GET', 'POST', 'POST']);
  });

  it('reports the remove answer when even the status read failed, e.g. 404 for an unknown cluster', async () => {
    const notFound = {
      status: 404,
      body: errorBody(
        404,
        'NotFoundError',
        'No entity resource:default/nope in the catalog',
      ),
    };
    const { requests } = mockFetch(notFound, notFound);
    const ctx = actionContext({ input: { entityRef: 'nope' } });
    await expect(action.handler(ctx)).rejects.toThrow(
      'cos-auditd answered 404 NotFoundError: No entity resource:default/nope in the catalog (POST /clusters/default/nope/remove)',
    );
    expect(requests.map(r => r.method)).toEqual(['GET', 'POST']);
    expect(ctx.logger.warn).toHaveBeenCalledWith(
      expect.stringContaining('removing anyway'),
    );
  });
});
