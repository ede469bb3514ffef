import { startTestBackend } from '@backstage/backend-test-utils';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import request from 'supertest';
import { scaffolderModuleCosAuditd } from './module';

describe('scaffolderModuleCosAuditd', () => {
  it('registers cos-auditd:enable and cos-auditd:disable with the scaffolder backend', async () => {
    const { server } = await startTestBackend({
      features: [scaffolderPlugin, scaffolderModuleCosAuditd],
    });

    const response = await request(server).get('/api/scaffolder/v2/actions');

    expect(response.status).toBe(200);
    expect(response.body).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: 'debug:log' }),
        expect.objectContaining({
          id: 'cos-auditd:enable',
          description: expect.stringContaining('audit logging'),
          examples: expect.arrayContaining([
            expect.objectContaining({
              example: expect.stringContaining('cos-auditd:enable'),
            }),
          ]),
          schema: expect.objectContaining({
            input: expect.objectContaining({ required: ['entityRef'] }),
          }),
        }),
        expect.objectContaining({ id: 'cos-auditd:disable' }),
      ]),
    );
  });
});
