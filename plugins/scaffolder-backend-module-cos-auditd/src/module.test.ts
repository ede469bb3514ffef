import { startTestBackend } from '@backstage/backend-test-utils';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import request from 'supertest';
import { scaffolderModuleCosAuditd } from './module';

describe('scaffolderModuleCosAuditd', () => {
  it('registers with the scaffolder backend, which then serves its actions', async () => {
    const { server } = await startTestBackend({
      features: [scaffolderPlugin, scaffolderModuleCosAuditd],
    });

    const response = await request(server).get('/api/scaffolder/v2/actions');

    expect(response.status).toBe(200);
    expect(response.body).toEqual(
      expect.arrayContaining([expect.objectContaining({ id: 'debug:log' })]),
    );
  });
});
