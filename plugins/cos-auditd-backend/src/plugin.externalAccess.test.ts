import { authServiceFactory } from '@backstage/backend-defaults/auth';
import { httpAuthServiceFactory } from '@backstage/backend-defaults/httpAuth';
import { mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  DAEMONSETS,
  RunningSimulator,
  startGkeSimulator,
} from '@cos-auditd/gke-sim';
import { startCosAuditdBackend } from './__testUtils__';

jest.setTimeout(60_000);

// Static tokens as an operator configures them for pipelines
// (backend.auth.externalAccess); real auth and httpAuth services check them.
const PIPELINE_TOKEN = 'pipeline-token-0123456789abcdef';
const READER_TOKEN = 'reader-token-0123456789abcdef';
const base = '/api/cos-auditd/clusters/default/demo-gke-prod';

describe('the REST API with external access tokens', () => {
  let sim: RunningSimulator;
  let backend: Awaited<ReturnType<typeof startCosAuditdBackend>>;

  beforeAll(async () => {
    sim = await startGkeSimulator();
    // The policy: the read-only pipeline may read but not apply.
    const permissions = mockServices.permissions.mock({
      authorize: async (requests, options) =>
        requests.map(r => ({
          result:
            'principal' in options.credentials &&
            (options.credentials.principal as { subject?: string }).subject ===
              'status-dashboard' &&
            r.permission.name !== 'cos-auditd.status.read'
              ? AuthorizeResult.DENY
              : AuthorizeResult.ALLOW,
        })),
    });
    backend = await startCosAuditdBackend({
      sim,
      rootConfig: {
        backend: {
          auth: {
            externalAccess: [
              {
                type: 'static',
                options: { token: PIPELINE_TOKEN, subject: 'release-pipeline' },
                accessRestrictions: [{ plugin: 'cos-auditd' }],
              },
              {
                type: 'static',
                options: { token: READER_TOKEN, subject: 'status-dashboard' },
                accessRestrictions: [{ plugin: 'cos-auditd' }],
              },
            ],
          },
        },
      },
      features: [
        authServiceFactory,
        httpAuthServiceFactory,
        permissions.factory,
      ],
    });
  });

  afterAll(async () => {
    await backend?.stop();
    await sim?.stop();
  });

  const bearer = (token: string) => `Bearer ${token}`;

  it('lets a pipeline token read status and apply, recorded under its subject', async () => {
    await backend
      .api()
      .get(`${base}/status`)
      .set('Authorization', bearer(PIPELINE_TOKEN))
      .expect(200);
    const applied = await backend
      .api()
      .post(`${base}/apply`)
      .set('Authorization', bearer(PIPELINE_TOKEN))
      .send({ filters: { preset: 'exec-and-login' } });
    expect(applied.status).toBe(200);
    expect(applied.body.operation.actor).toBe('release-pipeline');
    expect(
      sim.cluster('demo-gke-prod').cluster.store.list(DAEMONSETS),
    ).toHaveLength(1);
  });

  it.each([
    { name: 'no token', header: undefined },
    { name: 'a wrong token', header: bearer('not-the-token') },
  ])('answers 401 to $name', async ({ header }) => {
    const request = backend.api().get(`${base}/status`);
    const response = await (header
      ? request.set('Authorization', header)
      : request);
    expect(response.status).toBe(401);
    expect(response.body.error.name).toBe('AuthenticationError');
  });

  it('answers 403 when the token principal lacks the permission, and changes nothing', async () => {
    await backend
      .api()
      .get(`${base}/status`)
      .set('Authorization', bearer(READER_TOKEN))
      .expect(200);
    const before = sim.cluster('demo-gke-prod').cluster.store.list(DAEMONSETS);
    const denied = await backend
      .api()
      .post(`${base}/remove`)
      .set('Authorization', bearer(READER_TOKEN))
      .send({});
    expect(denied.status).toBe(403);
    expect(denied.body.error.name).toBe('NotAllowedError');
    expect(sim.cluster('demo-gke-prod').cluster.store.list(DAEMONSETS)).toEqual(
      before,
    );
  });

  it('publishes its OpenAPI description without a token', async () => {
    const response = await backend.api().get('/api/cos-auditd/openapi.json');
    expect(response.status).toBe(200);
    expect(Object.keys(response.body.paths)).toContain(
      '/api/cos-auditd/clusters/{namespace}/{name}/events',
    );
  });
});
