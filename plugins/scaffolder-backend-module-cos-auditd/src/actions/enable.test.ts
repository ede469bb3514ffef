import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import type {
  ApplyResult,
  ClusterStatus,
} from '@cos-auditd/backstage-plugin-cos-auditd-common';
import { actionContext, errorBody, mockFetch } from '../__testUtils__';
import { createCosAuditdEnableAction } from './enable';

const operation = (id: string) => ({
  id,
  entityRef: 'resource:default/demo-gke-prod',
  kind: 'apply',
  outcome: 'succeeded',
  startedAt: '2026-01-01T00:00:00.000Z',
  finishedAt: '2026-01-01T00:00:01.000Z',
  actor: 'user:default/mock',
  dryRun: false,
  spec: { preset: 'balanced' },
  mode: null,
  changes: [],
  nodes: [],
  recreation: [],
  messages: [],
  error: null,
});

const applied: ApplyResult = {
  operation: operation('op-1') as ApplyResult['operation'],
  changes: [
    { kind: 'Namespace', name: 'cos-auditd', action: 'created' },
    {
      kind: 'ConfigMap',
      name: 'cos-auditd-fluent-bit-config',
      namespace: 'cos-auditd',
      action: 'created',
    },
    {
      kind: 'DaemonSet',
      name: 'cos-auditd-logging',
      namespace: 'cos-auditd',
      action: 'created',
    },
  ],
};

const status = {
  entityRef: 'resource:default/demo-gke-prod',
  phase: 'rolling-out',
  message: 'The logging DaemonSet is being rolled out',
} as Partial<ClusterStatus>;

describe('cos-auditd:enable', () => {
  const discovery = mockServices.discovery();
  const auth = mockServices.auth();
  const action = createCosAuditdEnableAction({
    discovery,
    auth,
    conflictRetry: { retries: 2, initialDelayMs: 1 },
  });
  const baseUrl = 'http://localhost:0/api/cos-auditd';

  afterEach(() => jest.restoreAllMocks());

  function context(input: Record<string, unknown>) {
    return actionContext({
      input: input as any,
      credentials: mockCredentials.user('user:default/alice'),
    });
  }

  it('describes itself with examples and a schema', () => {
    expect(action.id).toBe('cos-auditd:enable');
    expect(action.description).toMatch(/audit logging/);
    expect(action.examples?.length).toBeGreaterThan(0);
    expect(action.examples![0].example).toContain('cos-auditd:enable');
    expect(Object.keys(action.schema?.input?.properties ?? {})).toEqual([
      'entityRef',
      'filters',
      'dryRun',
    ]);
    expect(action.schema?.input?.required).toEqual(['entityRef']);
    expect(Object.keys(action.schema?.output?.properties ?? {})).toEqual([
      'operationId',
      'phase',
      'changes',
    ]);
  });

  it('applies as the initiator, reads the status and outputs the operation, phase and changes', async () => {
    const { requests } = mockFetch(
      { status: 200, body: applied },
      { status: 200, body: status },
    );
    const ctx = context({
      entityRef: 'resource:default/demo-gke-prod',
      filters: { preset: 'balanced' },
    });

    await action.handler(ctx);

    expect(requests.map(r => `${r.method} ${r.url}`)).toEqual([
      `POST ${baseUrl}/clusters/default/demo-gke-prod/apply`,
      `GET ${baseUrl}/clusters/default/demo-gke-prod/status`,
    ]);
    expect(requests[0].body).toEqual({
      filters: { preset: 'balanced' },
      dryRun: false,
    });
    // A token for cos-auditd on behalf of the user who runs the template.
    expect(requests[0].headers.Authorization).toBe(
      mockCredentials.service.header({
        onBehalfOf: mockCredentials.user('user:default/alice'),
        targetPluginId: 'cos-auditd',
      }),
    );
    expect(ctx.output).toHaveBeenCalledWith('operationId', 'op-1');
    expect(ctx.output).toHaveBeenCalledWith('phase', 'rolling-out');
    expect(ctx.output).toHaveBeenCalledWith('changes', applied.changes);
  });

  it.each([
    ['default/demo-gke-prod'],
    ['demo-gke-prod'],
    ['Resource:default/demo-gke-prod'],
  ])('accepts the short entity ref %s', async entityRef => {
    const { requests } = mockFetch(
      { status: 200, body: applied },
      { status: 200, body: status },
    );
    await action.handler(context({ entityRef }));
    expect(requests[0].url).toBe(
      `${baseUrl}/clusters/default/demo-gke-prod/apply`,
    );
    // Without filters the backend keeps the live ones.
    expect(requests[0].body).toEqual({ dryRun: false });
  });

  it('passes a dry run through, and turns the scaffolder dry run into one', async () => {
    const { requests } = mockFetch(
      { status: 200, body: applied },
      { status: 200, body: status },
      { status: 200, body: applied },
      { status: 200, body: status },
    );
    await action.handler(context({ entityRef: 'demo-gke-prod', dryRun: true }));
    await action.handler(
      actionContext({
        input: { entityRef: 'demo-gke-prod' },
        isDryRun: true,
      }),
    );
    expect(requests[0].body).toEqual({ dryRun: true });
    expect(requests[2].body).toEqual({ dryRun: true });
  });

  it.each([
    [{ entityRef: '' }, /entityRef must be the cluster entity ref/],
    [
      { entityRef: 'component:default/demo-gke-prod' },
      /is a component; cos-auditd works on Resource entities/,
    ],
    [{ entityRef: 'resource:default/' }, /is not an entity ref/],
    [
      {
        entityRef: 'demo-gke-prod',
        filters: { preset: 'everything', excludeSyscalls: ['fork2'] },
      },
      /filters is not a valid cos-auditd FilterSpec: preset: preset must be one of full, balanced, exec-and-login; excludeSyscalls\[0\]: "fork2" is not a known syscall name/,
    ],
    [
      { entityRef: 'demo-gke-prod', filters: { presets: 'full' } },
      /filters is not a valid cos-auditd FilterSpec: .*presets/,
    ],
    [
      {
        entityRef: 'demo-gke-prod',
        filters: { excludeExecutables: ['/usr/bin/x]\n[OUTPUT]'] },
      },
      /is not an absolute executable path/,
    ],
    [
      { entityRef: 'demo-gke-prod', dryRun: 'yes' },
      /dryRun must be true or false/,
    ],
  ])('refuses %j before calling the backend', async (input, message) => {
    const { spy } = mockFetch();
    await expect(action.handler(context(input))).rejects.toThrow(message);
    expect(spy).not.toHaveBeenCalled();
  });

  it("reports the backend's error name, message and status", async () => {
    mockFetch({
      status: 403,
      body: errorBody(
        403,
        'NotAllowedError',
        'You are not allowed to enable or change audit logging on resource:default/demo-gke-prod (permission cos-auditd.apply)',
      ),
    });
    await expect(
      action.handler(context({ entityRef: 'demo-gke-prod' })),
    ).rejects.toThrow(
      'cos-auditd answered 403 NotAllowedError: You are not allowed to enable or change audit logging on resource:default/demo-gke-prod (permission cos-auditd.apply) (POST /clusters/default/demo-gke-prod/apply)',
    );
  });

  it('reports an error answer that is not a Backstage error body', async () => {
    mockFetch({ status: 502, body: '<html>Bad Gateway</html>' });
    await expect(
      action.handler(context({ entityRef: 'demo-gke-prod' })),
    ).rejects.toThrow(/cos-auditd answered 502 Bad Gateway: <html>Bad Gateway/);
  });

  it('reports an unreachable backend without the token', async () => {
    const { requests } = mockFetch(
      Object.assign(new TypeError('fetch failed'), {
        cause: new Error('connect ECONNREFUSED 127.0.0.1:7007'),
      }),
    );
    const promise = action.handler(context({ entityRef: 'demo-gke-prod' }));
    await expect(promise).rejects.toThrow(
      `Could not reach cos-auditd at ${baseUrl} (POST /clusters/default/demo-gke-prod/apply): fetch failed: connect ECONNREFUSED 127.0.0.1:7007`,
    );
    const token = requests[0].headers.Authorization.replace(/^Bearer /, '');
    await expect(promise).rejects.not.toThrow(token);
  });

  it('retries while another operation holds the cluster, then succeeds', async () => {
    const busy = {
      status: 409,
      body: errorBody(
        409,
        'ConflictError',
        'Operation op-0 (apply) is running on resource:default/demo-gke-prod',
      ),
    };
    const { requests } = mockFetch(
      busy,
      busy,
      { status: 200, body: applied },
      { status: 200, body: status },
    );
    const ctx = context({ entityRef: 'demo-gke-prod' });
    await action.handler(ctx);
    expect(requests.map(r => r.method)).toEqual([
      'POST',
      'POST',
      'POST',
      'GET',
    ]);
    expect(ctx.logger.warn).toHaveBeenCalledWith(
      expect.stringContaining('retry 1 of 2'),
    );
    expect(ctx.output).toHaveBeenCalledWith('operationId', 'op-1');
  });

  it('gives up after the retries with the conflict message', async () => {
    const busy = {
      status: 409,
      body: errorBody(409, 'ConflictError', 'Operation op-0 is running'),
    };
    const { requests } = mockFetch(busy, busy, busy);
    await expect(
      action.handler(context({ entityRef: 'demo-gke-prod' })),
    ).rejects.toThrow(
      'cos-auditd answered 409 ConflictError: Operation op-0 is running',
    );
    expect(requests).toHaveLength(3);
  });

  it('does not retry other errors', async () => {
    const { requests } = mockFetch({
      status: 504,
      body: errorBody(504, 'ServiceUnavailableError', 'cluster timed out'),
    });
    await expect(
      action.handler(context({ entityRef: 'demo-gke-prod' })),
    ).rejects.toThrow('cos-auditd answered 504 ServiceUnavailableError');
    expect(requests).toHaveLength(1);
  });

  it('still succeeds when only the status read after the apply fails', async () => {
    mockFetch(
      { status: 200, body: applied },
      {
        status: 502,
        body: errorBody(502, 'ServiceUnavailableError', 'cluster flaked'),
      },
    );
    const ctx = context({ entityRef: 'demo-gke-prod' });
    await action.handler(ctx);
    expect(ctx.output).toHaveBeenCalledWith('operationId', 'op-1');
    expect(ctx.output).not.toHaveBeenCalledWith('phase', expect.anything());
    expect(ctx.logger.warn).toHaveBeenCalledWith(
      expect.stringContaining('cluster flaked'),
    );
  });
});
