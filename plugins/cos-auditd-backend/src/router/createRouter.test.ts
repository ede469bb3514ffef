import express from 'express';
import request from 'supertest';
import { createRouter } from './createRouter';

describe('createRouter', () => {
  async function createApp() {
    const app = express();
    app.use(await createRouter());
    return app;
  }

  it('answers GET /health with an ok status', async () => {
    const response = await request(await createApp()).get('/health');

    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/application\/json/);
    expect(response.body).toEqual({ status: 'ok' });
  });

  it('answers unknown paths with 404', async () => {
    const response = await request(await createApp()).get('/no-such-route');

    expect(response.status).toBe(404);
  });
});
