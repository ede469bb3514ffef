import { CosAuditdClient } from './CosAuditdClient';

const BASE = 'http://backstage.test/api/cos-auditd';

describe('CosAuditdClient', () => {
  const discoveryApi = {
    getBaseUrl: async (pluginId: string) =>
      `http://backstage.test/api/${pluginId}`,
  };

  function clientAnswering(
    response: Response = Response.json({ items: [] }),
    googleToken: string | undefined = 'ya29.user-token',
  ) {
    const fetch = jest.fn(
      async (_input: RequestInfo | URL, _init?: RequestInit) =>
        response.clone(),
    );
    const getAccessToken = jest.fn(async () => googleToken ?? '');
    return {
      client: new CosAuditdClient({
        discoveryApi,
        fetchApi: { fetch },
        googleAuthApi: { getAccessToken },
      }),
      fetch,
      getAccessToken,
    };
  }

  function headersOf(init?: RequestInit): Record<string, string> {
    return Object.fromEntries(new Headers(init?.headers).entries());
  }

  it('reads the health of the cos-auditd backend', async () => {
    const { client, fetch } = clientAnswering(Response.json({ status: 'ok' }));

    await expect(client.getHealth()).resolves.toEqual({ status: 'ok' });
    expect(fetch).toHaveBeenCalledWith(`${BASE}/health`);
  });

  it('lists clusters', async () => {
    const { client, fetch } = clientAnswering(Response.json({ items: [] }));

    await expect(client.listClusters()).resolves.toEqual({ items: [] });
    expect(fetch).toHaveBeenCalledWith(`${BASE}/clusters`);
  });

  it.each([
    ['resource:default/demo-gke-prod', '/clusters/default/demo-gke-prod'],
    ['demo-gke-prod', '/clusters/default/demo-gke-prod'],
    ['resource:team-a/prod', '/clusters/team-a/prod'],
    ['team-a/prod', '/clusters/team-a/prod'],
  ])('reads the status of %s', async (ref, path) => {
    const { client, fetch } = clientAnswering(
      Response.json({ phase: 'active' }),
    );

    await expect(client.getStatus(ref)).resolves.toEqual({ phase: 'active' });
    expect(fetch).toHaveBeenCalledWith(`${BASE}${path}/status`);
  });

  it('encodes hostile entity reference segments', async () => {
    const { client, fetch } = clientAnswering(Response.json({}));

    await client.getFilters('resource:a?b#c/..%2f x&y');
    expect(fetch.mock.calls[0][0]).toBe(
      `${BASE}/clusters/a%3Fb%23c/..%252f%20x%26y/filters`,
    );
  });

  it('keeps a slash inside a name in its path segment', async () => {
    const { client, fetch } = clientAnswering(Response.json({}));

    await client.getStatus('resource:a/b/../../operations');
    expect(fetch.mock.calls[0][0]).toBe(
      `${BASE}/clusters/a/b%2F..%2F..%2Foperations/status`,
    );
  });

  it('rejects a malformed entity reference before any request', async () => {
    const { client, fetch } = clientAnswering();

    await expect(client.getStatus('resource:default/')).rejects.toThrow();
    expect(fetch).not.toHaveBeenCalled();
  });

  it('reads the active filters', async () => {
    const { client, fetch } = clientAnswering(Response.json({ raw: null }));

    await expect(
      client.getFilters('resource:default/demo-gke-prod'),
    ).resolves.toEqual({ raw: null });
    expect(fetch).toHaveBeenCalledWith(
      `${BASE}/clusters/default/demo-gke-prod/filters`,
    );
  });

  it('reads the manifest as text, with and without filters', async () => {
    const yaml = 'apiVersion: v1\nkind: Namespace\n';
    const { client, fetch } = clientAnswering(
      new Response(yaml, { headers: { 'content-type': 'application/yaml' } }),
    );

    await expect(client.getManifest('resource:default/c')).resolves.toBe(yaml);
    expect(fetch).toHaveBeenLastCalledWith(
      `${BASE}/clusters/default/c/manifest`,
    );

    await client.getManifest('resource:default/c', {
      preset: 'exec-and-login',
      excludeExecutables: ['/usr/bin/a&b=c'],
    });
    const url = new URL(fetch.mock.calls[1][0] as string);
    expect(url.pathname).toBe('/api/cos-auditd/clusters/default/c/manifest');
    expect(JSON.parse(url.searchParams.get('filters')!)).toEqual({
      preset: 'exec-and-login',
      excludeExecutables: ['/usr/bin/a&b=c'],
    });
    expect(fetch.mock.calls[1][0]).toContain(
      'filters=%7B%22preset%22%3A%22exec-and-login%22',
    );
  });

  it('posts an apply request as JSON', async () => {
    const result = { operation: { id: 'op-1' }, changes: [] };
    const { client, fetch } = clientAnswering(Response.json(result));
    const request = {
      filters: { preset: 'balanced' as const },
      dryRun: true,
    };

    await expect(
      client.apply('resource:default/demo-gke-prod', request),
    ).resolves.toEqual(result);
    const [url, init] = fetch.mock.calls[0];
    expect(url).toBe(`${BASE}/clusters/default/demo-gke-prod/apply`);
    expect(init?.method).toBe('POST');
    expect(headersOf(init)).toEqual({ 'content-type': 'application/json' });
    expect(JSON.parse(init?.body as string)).toEqual(request);
  });

  it('posts an empty apply body as {}', async () => {
    const { client, fetch } = clientAnswering(Response.json({}));

    await client.apply('resource:default/c', {});
    expect(fetch.mock.calls[0][1]?.body).toBe('{}');
  });

  it('posts a remove request as JSON', async () => {
    const { client, fetch } = clientAnswering(
      Response.json({ operation: {}, nodes: [], recreation: [] }),
    );

    await client.remove('resource:default/demo-gke-prod', {
      mode: 'stop-shipping',
    });
    const [url, init] = fetch.mock.calls[0];
    expect(url).toBe(`${BASE}/clusters/default/demo-gke-prod/remove`);
    expect(init?.method).toBe('POST');
    expect(JSON.parse(init?.body as string)).toEqual({
      mode: 'stop-shipping',
    });
  });

  it('lists events with only the given query parameters', async () => {
    const { client, fetch } = clientAnswering(Response.json({ items: [] }));

    await client.listEvents('resource:default/c', { type: 'execve' });
    expect(fetch).toHaveBeenLastCalledWith(
      `${BASE}/clusters/default/c/events?type=execve`,
    );
  });

  it('lists events with every query parameter, encoded', async () => {
    const { client, fetch } = clientAnswering(Response.json({ items: [] }));

    await client.listEvents('resource:default/c', {
      type: 'login',
      since: '2026-12-01T00:00:00+01:00',
      until: '2026-12-02T00:00:00Z',
      node: 'gke-node-1',
      user: 'root&admin=1',
      q: '"x" OR y #frag',
      pageSize: 100,
      pageToken: 'abc/+=',
    });
    const url = new URL(fetch.mock.calls[0][0] as string);
    expect(url.pathname).toBe('/api/cos-auditd/clusters/default/c/events');
    expect(url.hash).toBe('');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      type: 'login',
      since: '2026-12-01T00:00:00+01:00',
      until: '2026-12-02T00:00:00Z',
      node: 'gke-node-1',
      user: 'root&admin=1',
      q: '"x" OR y #frag',
      pageSize: '100',
      pageToken: 'abc/+=',
    });
    expect(fetch.mock.calls[0][0]).toContain(
      'since=2026-12-01T00%3A00%3A00%2B01%3A00',
    );
  });

  it('lists operations', async () => {
    const { client, fetch } = clientAnswering(Response.json({ items: [] }));

    await expect(client.listOperations()).resolves.toEqual({ items: [] });
    expect(fetch).toHaveBeenLastCalledWith(`${BASE}/operations`);

    await client.listOperations({
      entityRef: 'resource:default/demo-gke-prod',
      limit: 20,
    });
    expect(fetch).toHaveBeenLastCalledWith(
      `${BASE}/operations?entityRef=resource%3Adefault%2Fdemo-gke-prod&limit=20`,
    );
  });

  describe('Google access token', () => {
    const google = { authProvider: 'google' };

    it.each([
      ['getStatus', (c: CosAuditdClient) => c.getStatus('c', google)],
      ['getFilters', (c: CosAuditdClient) => c.getFilters('c', google)],
      ['apply', (c: CosAuditdClient) => c.apply('c', {}, google)],
      ['remove', (c: CosAuditdClient) => c.remove('c', {}, google)],
    ])('is sent by %s for a google cluster', async (_, call) => {
      const { client, fetch, getAccessToken } = clientAnswering(
        Response.json({}),
      );

      await call(client);
      expect(getAccessToken).toHaveBeenCalledWith([
        'https://www.googleapis.com/auth/cloud-platform',
      ]);
      expect(headersOf(fetch.mock.calls[0][1])).toMatchObject({
        'x-cos-auditd-google-token': 'ya29.user-token',
      });
    });

    it.each([undefined, 'serviceAccount', 'googleServiceAccount', 'GOOGLE'])(
      'is not sent for auth provider %s',
      async authProvider => {
        const { client, fetch, getAccessToken } = clientAnswering(
          Response.json({}),
        );

        await client.getStatus('c', { authProvider });
        await client.apply('c', {}, { authProvider });
        expect(getAccessToken).not.toHaveBeenCalled();
        for (const [, init] of fetch.mock.calls) {
          expect(headersOf(init)).not.toHaveProperty(
            'x-cos-auditd-google-token',
          );
        }
      },
    );

    it('is not sent without a Google auth API', async () => {
      const fetch = jest.fn(
        async (_input: RequestInfo | URL, _init?: RequestInit) =>
          Response.json({}),
      );
      const client = new CosAuditdClient({
        discoveryApi,
        fetchApi: { fetch },
      });

      await client.getStatus('c', google);
      expect(fetch).toHaveBeenCalledWith(`${BASE}/clusters/default/c/status`);
    });

    it('is not sent when the user has no Google session', async () => {
      const { client, fetch } = clientAnswering(Response.json({}), '');

      await client.getStatus('c', google);
      expect(fetch).toHaveBeenCalledWith(`${BASE}/clusters/default/c/status`);
    });

    it('is never sent to routes that do not reach the cluster', async () => {
      const { client, fetch, getAccessToken } = clientAnswering(
        Response.json({ items: [] }),
      );

      await client.listClusters();
      await client.listOperations();
      await client.listEvents('c', { type: 'execve' });
      expect(getAccessToken).not.toHaveBeenCalled();
      for (const [, init] of fetch.mock.calls) {
        expect(init).toBeUndefined();
      }
    });
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

  it.each([
    ['getStatus', (c: CosAuditdClient) => c.getStatus('c')],
    ['getManifest', (c: CosAuditdClient) => c.getManifest('c')],
    ['apply', (c: CosAuditdClient) => c.apply('c', {})],
    [
      'listEvents',
      (c: CosAuditdClient) => c.listEvents('c', { type: 'login' }),
    ],
  ])('%s rejects with the backend message on an error', async (_, call) => {
    const message =
      'Cluster resource:default/c uses auth provider google: sign in with Google';
    const { client } = clientAnswering(
      Response.json(
        {
          error: { name: 'AuthenticationError', message },
          response: { statusCode: 401 },
        },
        { status: 401, statusText: 'Unauthorized' },
      ),
    );

    const error = await call(client).catch(e => e);
    expect(error).toMatchObject({
      name: 'ResponseError',
      statusCode: 401,
      cause: { name: 'AuthenticationError', message },
    });
    // What ResponseErrorPanel and error.cause show to the user.
    expect(error.body.error.message).toBe(message);
  });
});
