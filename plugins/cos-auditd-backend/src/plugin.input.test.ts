import { mockCredentials } from '@backstage/backend-test-utils';
import { RunningSimulator, startGkeSimulator } from '@cos-auditd/gke-sim';
import { startCosAuditdBackend } from './__testUtils__';

jest.setTimeout(60_000);

const auth = mockCredentials.user.header();
const prod = '/api/cos-auditd/clusters/default/demo-gke-prod';

/** Requests that must each be answered 400 without touching any cluster. */
const BAD_REQUESTS: Array<[string, 'get' | 'post', string, unknown?]> = [
  [
    'an upper-case namespace',
    'get',
    '/api/cos-auditd/clusters/Default/demo-gke-prod/status',
  ],
  [
    'a name with a dot-dot',
    'post',
    '/api/cos-auditd/clusters/default/..%2Fetc/apply',
    {},
  ],
  [
    'a name with spaces',
    'get',
    '/api/cos-auditd/clusters/default/a%20b/status',
  ],
  [
    'an over-long name',
    'get',
    `/api/cos-auditd/clusters/default/${'x'.repeat(80)}/status`,
  ],
  [
    'an unknown body field',
    'post',
    `${prod}/apply`,
    { filters: {}, force: true },
  ],
  ['dryRun that is not a boolean', 'post', `${prod}/apply`, { dryRun: 'yes' }],
  [
    'an unknown preset',
    'post',
    `${prod}/apply`,
    { filters: { preset: 'everything' } },
  ],
  [
    'an unknown filter key',
    'post',
    `${prod}/apply`,
    { filters: { include: ['x'] } },
  ],
  [
    'a record type with a newline',
    'post',
    `${prod}/apply`,
    { filters: { excludeRecordTypes: ['EXECVE\n[OUTPUT]'] } },
  ],
  [
    'an unknown record type',
    'post',
    `${prod}/apply`,
    { filters: { excludeRecordTypes: ['NOT_A_TYPE'] } },
  ],
  [
    'an unknown syscall',
    'post',
    `${prod}/apply`,
    { filters: { excludeSyscalls: ['fork2'] } },
  ],
  [
    'a syscall with a bracket',
    'post',
    `${prod}/apply`,
    { filters: { excludeSyscalls: ['mmap]'] } },
  ],
  [
    'a relative executable path',
    'post',
    `${prod}/apply`,
    { filters: { excludeExecutables: ['usr/bin/ls'] } },
  ],
  [
    'an executable path with ..',
    'post',
    `${prod}/apply`,
    { filters: { excludeExecutables: ['/usr/../bin/sh'] } },
  ],
  [
    'an executable path with a newline',
    'post',
    `${prod}/apply`,
    { filters: { excludeExecutables: ['/bin/sh\n[FILTER]'] } },
  ],
  [
    'an executable path with a bracket',
    'post',
    `${prod}/apply`,
    { filters: { excludeExecutables: ['/bin/[sh'] } },
  ],
  [
    'a huge list',
    'post',
    `${prod}/apply`,
    {
      filters: {
        excludeExecutables: Array.from(
          { length: 1000 },
          (_, i) => `/bin/tool${i}`,
        ),
      },
    },
  ],
  [
    'a repeated syscall',
    'post',
    `${prod}/apply`,
    { filters: { excludeSyscalls: ['mmap', 'mmap'] } },
  ],
  [
    'a throttle with a fractional rate',
    'post',
    `${prod}/apply`,
    { filters: { throttle: { rate: 1.5, window: 5, interval: '1s' } } },
  ],
  [
    'a throttle interval that is free text',
    'post',
    `${prod}/apply`,
    {
      filters: { throttle: { rate: 1, window: 5, interval: '1s\n@INCLUDE x' } },
    },
  ],
  [
    'filters that are not an object',
    'post',
    `${prod}/apply`,
    { filters: 'preset=full' },
  ],
  ['an unknown remove mode', 'post', `${prod}/remove`, { mode: 'nuke' }],
  [
    'manifest filters that are not JSON',
    'get',
    `${prod}/manifest?filters=%7Bpreset`,
  ],
  [
    'manifest filters with an unknown syscall',
    'get',
    `${prod}/manifest?filters=${encodeURIComponent(
      '{"excludeSyscalls":["nope"]}',
    )}`,
  ],
  ['an operations limit of 0', 'get', '/api/cos-auditd/operations?limit=0'],
  [
    'an operations limit that is not a number',
    'get',
    '/api/cos-auditd/operations?limit=ten',
  ],
  [
    'an operations limit over 500',
    'get',
    '/api/cos-auditd/operations?limit=501',
  ],
];

describe('bad input', () => {
  let sim: RunningSimulator;
  let backend: Awaited<ReturnType<typeof startCosAuditdBackend>>;

  beforeAll(async () => {
    sim = await startGkeSimulator();
    backend = await startCosAuditdBackend({ sim });
  });

  afterAll(async () => {
    await backend?.stop();
    await sim?.stop();
  });

  it.each(BAD_REQUESTS)(
    'answers %s with 400 and changes nothing',
    // A default for `body` keeps the function's arity at 3, so Jest does not
    // take a fourth parameter for a `done` callback on the rows without one.
    async (_, method, path, body: unknown = undefined) => {
      const versions = sim.clusters.map(c => c.cluster.store.resourceVersion);
      const pending =
        method === 'get'
          ? backend.api().get(path)
          : backend
              .api()
              .post(path)
              .send(body as object);
      const response = await pending.set('Authorization', auth);
      expect(response.status).toBe(400);
      expect(response.body.error.message).toEqual(expect.any(String));
      expect(sim.clusters.map(c => c.cluster.store.resourceVersion)).toEqual(
        versions,
      );
    },
  );

  it('answers 404 for a cluster the catalog does not have', async () => {
    const response = await backend
      .api()
      .get('/api/cos-auditd/clusters/default/no-such-cluster/status')
      .set('Authorization', auth);
    expect(response.status).toBe(404);
  });

  it('stores nothing for a refused request', async () => {
    const response = await backend
      .api()
      .get('/api/cos-auditd/operations')
      .set('Authorization', auth);
    expect(response.status).toBe(200);
    expect(response.body.items).toEqual([]);
  });
});
