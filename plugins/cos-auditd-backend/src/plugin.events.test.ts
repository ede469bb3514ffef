import { mockCredentials } from '@backstage/backend-test-utils';
import type {
  AuditEvent,
  AuditEventsPage,
  ExecveEvent,
  LoginEvent,
} from '@cos-auditd/backstage-plugin-cos-auditd-common';
import { RunningSimulator, startGkeSimulator } from '@cos-auditd/gke-sim';
import { createServer, Server, Socket } from 'node:net';
import {
  simulatorConfig,
  permissionsDenying,
  startCosAuditdBackend,
  waitForStatus,
} from './__testUtils__';

jest.setTimeout(60_000);

const auth = mockCredentials.user.header();
const events = '/api/cos-auditd/clusters/default/demo-gke-prod/events';

/** The execve SYSCALL records the simulator holds for a cluster: an independent count. */
function execveSyscallsIn(sim: RunningSimulator, clusterName: string) {
  return sim.logging.store.entries().filter(entry => {
    const payload = entry.jsonPayload as Record<string, unknown> | undefined;
    const resource = entry.resource?.labels ?? {};
    return (
      resource.cluster_name === clusterName &&
      payload?._AUDIT_TYPE_NAME === 'SYSCALL' &&
      ((payload._AUDIT_FIELD_ARCH === 'c000003e' &&
        payload._AUDIT_FIELD_SYSCALL === '59') ||
        (payload._AUDIT_FIELD_ARCH === 'c00000b7' &&
          payload._AUDIT_FIELD_SYSCALL === '221'))
    );
  }).length;
}

describe('audit events read back from the simulated Cloud Logging', () => {
  let sim: RunningSimulator;
  let backend: Awaited<ReturnType<typeof startCosAuditdBackend>>;

  beforeAll(async () => {
    sim = await startGkeSimulator();
    backend = await startCosAuditdBackend({ sim });
    await backend
      .api()
      .post('/api/cos-auditd/clusters/default/demo-gke-prod/apply')
      .set('Authorization', auth)
      .send({ filters: { preset: 'exec-and-login' } })
      .expect(200);
    await waitForStatus(
      backend.api,
      'demo-gke-prod',
      s => s.phase === 'active',
    );
    // Audit traffic from every node whose agent is ready.
    for (let tick = 0; tick < 8; tick++) {
      sim.audit.tick();
    }
  });

  afterAll(async () => {
    await backend?.stop();
    await sim?.stop();
  });

  async function readAll(query: Record<string, string | number>) {
    const items: AuditEvent[] = [];
    const pages: AuditEventsPage[] = [];
    let pageToken: string | undefined;
    do {
      const response = await backend
        .api()
        .get(events)
        .query({ ...query, ...(pageToken ? { pageToken } : {}) })
        .set('Authorization', auth);
      expect(response.status).toBe(200);
      const page = response.body as AuditEventsPage;
      pages.push(page);
      items.push(...page.items);
      pageToken = page.nextPageToken;
    } while (pageToken && pages.length < 200);
    return { items, pages };
  }

  it('pages through every execve event once, each complete with its records', async () => {
    const expected = execveSyscallsIn(sim, 'demo-gke-prod');
    expect(expected).toBeGreaterThan(10);

    const { items, pages } = await readAll({ type: 'execve', pageSize: 7 });

    expect(pages.length).toBeGreaterThan(1);
    expect(pages.every(page => page.items.length <= 7)).toBe(true);
    expect(new Set(items.map(e => e.id)).size).toBe(items.length);
    expect(items).toHaveLength(expected);
    for (const event of items as ExecveEvent[]) {
      expect(event.type).toBe('execve');
      expect(event.exe).toMatch(/^\//);
      expect(event.argv.length).toBeGreaterThan(0);
      expect(event.cwd).toMatch(/^\//);
      expect(event.node).toMatch(/^gke-demo-gke-prod-/);
      expect(event.records[0]).toMatch(/^SYSCALL /);
      expect(event.records.some(r => r.startsWith('EXECVE '))).toBe(true);
    }
    // Newest first within a page; pages follow Cloud Logging's entry
    // timestamps, which trail the audit time by milliseconds.
    for (const page of pages) {
      const times = page.items.map(e => Date.parse(e.time));
      expect(times).toEqual([...times].sort((a, b) => b - a));
    }
  });

  it('returns logins with failed ones marked, and the query behind them', async () => {
    const response = await backend
      .api()
      .get(events)
      .query({ type: 'login', pageSize: 500 })
      .set('Authorization', auth)
      .expect(200);
    const page = response.body as AuditEventsPage;
    const logins = page.items as LoginEvent[];
    expect(logins.length).toBeGreaterThan(0);
    expect(logins.every(e => e.type === 'login')).toBe(true);
    expect(logins.some(e => e.result === 'failed')).toBe(true);
    expect(logins.some(e => e.result === 'success')).toBe(true);
    expect(page.logFilter).toContain(
      'resource.labels.cluster_name="demo-gke-prod"',
    );
    expect(page.logsExplorerUrl).toMatch(
      /^https:\/\/console\.cloud\.google\.com\/logs\/query;query=/,
    );
  });

  it('narrows by node and by user on the server', async () => {
    const all = await readAll({ type: 'login', pageSize: 500 });
    const node = all.items[0].node;
    const byNode = await readAll({ type: 'login', node, pageSize: 500 });
    expect(byNode.items.length).toBeGreaterThan(0);
    expect(byNode.items.every(e => e.node === node)).toBe(true);
    expect(byNode.pages[0].logFilter).toContain(`node_name="${node}"`);

    const user = (all.items as LoginEvent[]).find(e => e.user)!.user!;
    const byUser = await readAll({ type: 'login', user, pageSize: 500 });
    expect(byUser.items.length).toBeGreaterThan(0);
    expect((byUser.items as LoginEvent[]).every(e => e.user === user)).toBe(
      true,
    );
  });

  it('answers 400 for a malformed query without calling Cloud Logging', async () => {
    for (const query of [
      { pageSize: '501' },
      { type: 'socket' },
      { since: 'yesterday' },
      { node: 'a" OR "b' },
      { pageToken: 'not-a-token' },
    ]) {
      const response = await backend
        .api()
        .get(events)
        .query(query)
        .set('Authorization', auth);
      expect(response.status).toBe(400);
      expect(response.body.error.message).toBeTruthy();
    }
  });
});

describe('audit events when the caller or Cloud Logging fails', () => {
  let sim: RunningSimulator;
  const servers: Server[] = [];
  const sockets: Socket[] = [];

  beforeAll(async () => {
    sim = await startGkeSimulator();
  });

  afterAll(async () => {
    sockets.forEach(socket => socket.destroy());
    await Promise.all(
      servers.map(server => new Promise(resolve => server.close(resolve))),
    );
    await sim?.stop();
  });

  /** A TCP port that accepts connections and never answers: a hanging API. */
  async function silentPort(): Promise<number> {
    const server = createServer(socket => sockets.push(socket));
    servers.push(server);
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    return (server.address() as { port: number }).port;
  }

  /** A port nothing listens on: a refused connection. */
  async function closedPort(): Promise<number> {
    const server = createServer();
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    await new Promise(resolve => server.close(resolve));
    return port;
  }

  it('answers 403 when the policy denies reading events', async () => {
    const backend = await startCosAuditdBackend({
      sim,
      features: [permissionsDenying('cos-auditd.events.read')],
    });
    try {
      const denied = await backend.api().get(events).set('Authorization', auth);
      expect(denied.status).toBe(403);
      await backend
        .api()
        .get('/api/cos-auditd/clusters/default/demo-gke-prod/status')
        .set('Authorization', auth)
        .expect(200);
    } finally {
      await backend.stop();
    }
  });

  it.each([
    {
      name: 'refuses connections',
      port: closedPort,
      status: 502,
      error: 'LogApiError',
    },
    {
      name: 'never answers',
      port: silentPort,
      status: 504,
      error: 'LogApiTimeoutError',
    },
  ])(
    'answers $status quickly when Cloud Logging $name, and status still works',
    async ({ port, status, error }) => {
      const backend = await startCosAuditdBackend({
        sim,
        config: simulatorConfig(sim, {
          logging: {
            apiEndpoint: `127.0.0.1:${await port()}`,
            dangerouslyUseInsecureChannel: true,
            timeoutMs: 1000,
          },
        }),
      });
      try {
        const response = await backend
          .api()
          .get(events)
          .set('Authorization', auth);
        expect(response.status).toBe(status);
        expect(response.body.error.name).toBe(error);
        expect(response.body.error.message).toMatch(/Cloud Logging/);
        await backend
          .api()
          .get('/api/cos-auditd/clusters/default/demo-gke-prod/status')
          .set('Authorization', auth)
          .expect(200);
      } finally {
        await backend.stop();
      }
    },
  );
});
