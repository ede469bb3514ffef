import { CosAuditdClient } from './CosAuditdClient';

describe('CosAuditdClient', () => {
  const discoveryApi = {
    getBaseUrl: async (pluginId: string) =>
      `http://backstage.test/api/${pluginId}`,
  };

  function clientAnswering(response: Response) {
    const fetch = jest.fn(async (_input: RequestInfo | URL) => response);
    return {
      client: new CosAuditdClient({ discoveryApi, fetchApi: { fetch } }),
      fetch,
    };
  }

  it('reads the health of the cos-auditd backend', async () => {
    const { client, fetch } = clientAnswering(Response.json({ status: 'ok' }));

    await expect(client.getHealth()).resolves.toEqual({ status: 'ok' });
    expect(fetch).toHaveBeenCalledWith(
      'http://backstage.test/api/cos-auditd/health',
    );
  });

  it('turns an error response into a ResponseError with the backend message', async () => {
    const { client } = clientAnswering(
      Response.json(
        {
          error: { name: 'ServiceUnavailableError', message: 'down' },
          response: { statusCode: 503 },
        },
        { status: 503, statusText: 'Service Unavailable' },
      ),
    );

    await expect(client.getHealth()).rejects.toMatchObject({
      name: 'ResponseError',
      statusCode: 503,
      body: { error: { message: 'down' } },
    });
  });
});
