import { startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import { cosAuditdPlugin } from './plugin';

describe('cosAuditdPlugin', () => {
  it('serves GET /api/cos-auditd/health without credentials', async () => {
    const { server } = await startTestBackend({
      features: [cosAuditdPlugin, catalogServiceMock.factory()],
    });

    const response = await request(server).get('/api/cos-auditd/health');

    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/application\/json/);
    expect(response.body).toEqual({ status: 'ok' });
  });

  it('answers unknown paths with 404', async () => {
    const { server } = await startTestBackend({
      features: [cosAuditdPlugin, catalogServiceMock.factory()],
    });

    const response = await request(server).get('/api/cos-auditd/no-such-route');

    expect(response.status).toBe(404);
  });
});
