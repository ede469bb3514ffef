import {
  mockServices,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import { Operation } from '@cos-auditd/backstage-plugin-cos-auditd-common';
import { Knex } from 'knex';
import { DatabaseOperationStore } from './DatabaseOperationStore';
import { NewOperation, OperationResult } from './OperationStore';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

const PROD = 'resource:default/prod-cluster';
const STAGING = 'resource:default/staging-cluster';
const LOCK_TTL_MS = 1_000;

/** A clock that only moves when a test moves it. */
function manualClock(start = '2026-11-22T10:00:00.123Z') {
  let now = new Date(start).getTime();
  return {
    now: () => new Date(now),
    advance(ms: number) {
      now += ms;
    },
  };
}

/**
 * One fresh database; `open` creates a store on it as a backend instance
 * would at start, so two calls are two instances sharing the database.
 */
async function databaseFor(databaseId: TestDatabaseId) {
  const knex = await databases.init(databaseId);
  const clock = manualClock();
  const database = mockServices.database({ knex, migrations: { skip: false } });
  const open = () =>
    DatabaseOperationStore.create({
      database,
      lockTtlMs: LOCK_TTL_MS,
      clock: clock.now,
    });
  return { knex, clock, database, open };
}

/**
 * Opens every pooled PostgreSQL connection up front, so that concurrent
 * begins run their transactions side by side rather than queue for the one
 * connection that is open while the others are still being made. SQLite has
 * a single connection, so there they always take turns.
 */
async function openPooledConnections(knex: Knex) {
  if (knex.client.config.client === 'pg') {
    const size: number = knex.client.pool.max;
    await Promise.all(
      Array.from({ length: size }, () => knex.raw('select pg_sleep(0.1)')),
    );
  }
}

function newOperation(overrides: Partial<NewOperation> = {}): NewOperation {
  return {
    entityRef: PROD,
    kind: 'apply',
    actor: 'user:default/jane.doe',
    dryRun: false,
    spec: null,
    mode: null,
    ...overrides,
  };
}

function succeeded(overrides: Partial<OperationResult> = {}): OperationResult {
  return { outcome: 'succeeded', ...overrides };
}

/** Runs an operation from begin to finish, `ms` after the previous one. */
async function ranOperation(
  store: DatabaseOperationStore,
  clock: ReturnType<typeof manualClock>,
  overrides: Partial<NewOperation> = {},
  result: OperationResult = succeeded(),
): Promise<Operation> {
  clock.advance(1_000);
  const { id } = await store.begin(newOperation(overrides));
  clock.advance(100);
  return store.finish(id, result);
}

const ids = (operations: Operation[]) => operations.map(o => o.id);

describe('DatabaseOperationStore', () => {
  it.each(databases.eachSupportedId())(
    'starts an operation as running, with what it was given, on %p',
    async databaseId => {
      const { open } = await databaseFor(databaseId);
      const store = await open();

      const started = await store.begin(
        newOperation({
          spec: { preset: 'balanced', excludeSyscalls: ['mmap'] },
          dryRun: true,
        }),
      );

      const expected: Operation = {
        id: started.id,
        entityRef: PROD,
        kind: 'apply',
        outcome: 'running',
        startedAt: '2026-11-22T10:00:00.123Z',
        finishedAt: null,
        actor: 'user:default/jane.doe',
        dryRun: true,
        spec: { preset: 'balanced', excludeSyscalls: ['mmap'] },
        mode: null,
        changes: [],
        nodes: [],
        recreation: [],
        messages: [],
        error: null,
      };
      expect(started).toEqual(expected);
      expect(started.id).toMatch(/^[0-9a-f-]{36}$/);
      await expect(store.get(started.id)).resolves.toEqual(expected);
    },
  );

  it.each(databases.eachSupportedId())(
    'finishes an operation with its result and reads every field back on %p',
    async databaseId => {
      const { open, clock } = await databaseFor(databaseId);
      const store = await open();
      const started = await store.begin(
        newOperation({ kind: 'remove', mode: 'disable' }),
      );
      await store.update(started.id, { messages: ['Disabling on 2 nodes'] });
      clock.advance(2_500);

      const finished = await store.finish(started.id, {
        outcome: 'failed',
        changes: [
          { kind: 'DaemonSet', name: 'cos-auditd', action: 'deleted' },
          {
            kind: 'ConfigMap',
            name: 'cos-auditd-config',
            namespace: 'cos-auditd',
            action: 'absent',
          },
        ],
        nodes: [
          { node: 'gke-a-1', pool: 'default-pool', outcome: 'disabled' },
          {
            node: 'gke-a-2',
            pool: 'default-pool',
            outcome: 'unknown',
            message: 'The disable pod never reported',
          },
        ],
        recreation: [
          {
            pool: 'default-pool',
            nodes: ['gke-a-2'],
            instanceGroups: [{ name: 'gke-a-grp', zone: 'europe-west1-b' }],
            steps: ['gcloud compute instance-groups managed rolling-action'],
          },
        ],
        error: { name: 'TimeoutError', message: 'gke-a-2 did not report' },
      });

      const expected: Operation = {
        id: started.id,
        entityRef: PROD,
        kind: 'remove',
        outcome: 'failed',
        startedAt: '2026-11-22T10:00:00.123Z',
        finishedAt: '2026-11-22T10:00:02.623Z',
        actor: 'user:default/jane.doe',
        dryRun: false,
        spec: null,
        mode: 'disable',
        changes: [
          { kind: 'DaemonSet', name: 'cos-auditd', action: 'deleted' },
          {
            kind: 'ConfigMap',
            name: 'cos-auditd-config',
            namespace: 'cos-auditd',
            action: 'absent',
          },
        ],
        nodes: [
          { node: 'gke-a-1', pool: 'default-pool', outcome: 'disabled' },
          {
            node: 'gke-a-2',
            pool: 'default-pool',
            outcome: 'unknown',
            message: 'The disable pod never reported',
          },
        ],
        recreation: [
          {
            pool: 'default-pool',
            nodes: ['gke-a-2'],
            instanceGroups: [{ name: 'gke-a-grp', zone: 'europe-west1-b' }],
            steps: ['gcloud compute instance-groups managed rolling-action'],
          },
        ],
        messages: ['Disabling on 2 nodes'],
        error: { name: 'TimeoutError', message: 'gke-a-2 did not report' },
      };
      expect(finished).toEqual(expected);
      await expect(store.get(started.id)).resolves.toEqual(expected);
    },
  );

  it.each(databases.eachSupportedId())(
    'shows the progress of a running operation, replacing only the fields given, on %p',
    async databaseId => {
      const { open } = await databaseFor(databaseId);
      const store = await open();
      const { id } = await store.begin(newOperation());

      await store.update(id, {
        messages: ['Applying'],
        changes: [{ kind: 'DaemonSet', name: 'cos-auditd', action: 'created' }],
      });
      await store.update(id, { messages: ['Applying', 'Waiting for rollout'] });

      await expect(store.get(id)).resolves.toMatchObject({
        outcome: 'running',
        messages: ['Applying', 'Waiting for rollout'],
        changes: [{ kind: 'DaemonSet', name: 'cos-auditd', action: 'created' }],
      });
    },
  );

  it.each(databases.eachSupportedId())(
    'keeps what progress recorded when the result leaves it out on %p',
    async databaseId => {
      const { open } = await databaseFor(databaseId);
      const store = await open();
      const { id } = await store.begin(newOperation());
      await store.update(id, {
        nodes: [{ node: 'gke-a-1', pool: 'default-pool', outcome: 'locked' }],
      });

      const finished = await store.finish(id, succeeded());

      expect(finished.nodes).toEqual([
        { node: 'gke-a-1', pool: 'default-pool', outcome: 'locked' },
      ]);
      expect(finished.error).toBeNull();
    },
  );

  it.each(databases.eachSupportedId())(
    'refuses to finish an operation twice on %p',
    async databaseId => {
      const { open } = await databaseFor(databaseId);
      const store = await open();
      const { id } = await store.begin(newOperation());
      await store.finish(id, succeeded());

      await expect(
        store.finish(id, { outcome: 'failed', error: null }),
      ).rejects.toThrow(ConflictError);
      await expect(store.update(id, { messages: ['late'] })).rejects.toThrow(
        ConflictError,
      );
      await expect(store.get(id)).resolves.toMatchObject({
        outcome: 'succeeded',
        messages: [],
      });
    },
  );

  it.each(databases.eachSupportedId())(
    'says an unknown operation is not found on %p',
    async databaseId => {
      const { open } = await databaseFor(databaseId);
      const store = await open();

      await expect(store.get('no-such-operation')).resolves.toBeUndefined();
      await expect(
        store.update('no-such-operation', { messages: [] }),
      ).rejects.toThrow(NotFoundError);
      await expect(
        store.finish('no-such-operation', succeeded()),
      ).rejects.toThrow(NotFoundError);
    },
  );

  it.each(databases.eachSupportedId())(
    'lists operations newest first on %p',
    async databaseId => {
      const { open, clock } = await databaseFor(databaseId);
      const store = await open();
      const first = await ranOperation(store, clock);
      const second = await ranOperation(store, clock, { entityRef: STAGING });
      const third = await ranOperation(store, clock, { kind: 'remove' });

      await expect(store.list({})).resolves.toEqual([third, second, first]);
    },
  );

  it.each(databases.eachSupportedId())(
    'lists at most the limit, 50 by default, on %p',
    async databaseId => {
      const { open, clock } = await databaseFor(databaseId);
      const store = await open();
      const made: Operation[] = [];
      for (let i = 0; i < 52; i++) {
        made.push(await ranOperation(store, clock));
      }
      const newestFirst = ids(made).reverse();

      expect(ids(await store.list({ limit: 2 }))).toEqual(
        newestFirst.slice(0, 2),
      );
      expect(ids(await store.list({}))).toEqual(newestFirst.slice(0, 50));
    },
  );

  it.each(databases.eachSupportedId())(
    'rejects a limit outside 1 to 500 on %p',
    async databaseId => {
      const { open } = await databaseFor(databaseId);
      const store = await open();

      for (const limit of [0, 501, 2.5, NaN]) {
        await expect(store.list({ limit })).rejects.toThrow(InputError);
      }
      await expect(store.list({ limit: 500 })).resolves.toEqual([]);
    },
  );

  it.each(databases.eachSupportedId())(
    'lists the operations of one entity on %p',
    async databaseId => {
      const { open, clock } = await databaseFor(databaseId);
      const store = await open();
      const prodApply = await ranOperation(store, clock);
      await ranOperation(store, clock, { entityRef: STAGING });
      const prodRemove = await ranOperation(store, clock, { kind: 'remove' });

      expect(ids(await store.list({ entityRef: PROD }))).toEqual([
        prodRemove.id,
        prodApply.id,
      ]);
      await expect(
        store.list({ entityRef: 'resource:default/other' }),
      ).resolves.toEqual([]);
    },
  );

  it.each(databases.eachSupportedId())(
    'refuses a second operation on a busy cluster, naming the running one, on %p',
    async databaseId => {
      const { open } = await databaseFor(databaseId);
      const store = await open();
      const running = await store.begin(newOperation({ kind: 'remove' }));

      const second = store.begin(newOperation({ actor: 'user:default/joe' }));

      await expect(second).rejects.toThrow(ConflictError);
      await expect(second).rejects.toThrow(
        `Cluster ${PROD} is busy: remove ${running.id} by user:default/jane.doe, ` +
          'started 2026-11-22T10:00:00.123Z, is still running',
      );
      expect(ids(await store.list({}))).toEqual([running.id]);
    },
  );

  it.each(databases.eachSupportedId())(
    'runs operations on different clusters at the same time on %p',
    async databaseId => {
      const { open } = await databaseFor(databaseId);
      const store = await open();
      await store.begin(newOperation({ entityRef: PROD }));

      await expect(
        store.begin(newOperation({ entityRef: STAGING })),
      ).resolves.toMatchObject({ entityRef: STAGING, outcome: 'running' });
    },
  );

  it.each(databases.eachSupportedId())(
    'frees the cluster when its operation finishes on %p',
    async databaseId => {
      const { open } = await databaseFor(databaseId);
      const store = await open();
      const { id } = await store.begin(newOperation());
      await store.finish(id, { outcome: 'failed', error: null });

      await expect(store.begin(newOperation())).resolves.toMatchObject({
        outcome: 'running',
      });
    },
  );

  it.each(databases.eachSupportedId())(
    'holds the cluster during a dry run too on %p',
    async databaseId => {
      const { open } = await databaseFor(databaseId);
      const store = await open();
      const dryRun = await store.begin(newOperation({ dryRun: true }));

      await expect(store.begin(newOperation())).rejects.toThrow(
        `apply dry run ${dryRun.id}`,
      );
    },
  );

  it.each(databases.eachSupportedId())(
    'takes over an expired lock and fails its operation with LockExpired on %p',
    async databaseId => {
      const { open, clock } = await databaseFor(databaseId);
      const store = await open();
      const crashed = await store.begin(newOperation());
      clock.advance(LOCK_TTL_MS);

      const next = await store.begin(newOperation({ kind: 'remove' }));

      expect(next.outcome).toBe('running');
      await expect(store.get(crashed.id)).resolves.toMatchObject({
        outcome: 'failed',
        finishedAt: '2026-11-22T10:00:01.123Z',
        error: {
          name: 'LockExpired',
          message: 'The backend instance running it stopped before it finished',
        },
      });
      await expect(store.begin(newOperation())).rejects.toThrow(next.id);
    },
  );

  it.each(databases.eachSupportedId())(
    'keeps a lock until it expires on %p',
    async databaseId => {
      const { open, clock } = await databaseFor(databaseId);
      const store = await open();
      const running = await store.begin(newOperation());
      clock.advance(LOCK_TTL_MS - 1);

      await expect(store.begin(newOperation())).rejects.toThrow(ConflictError);
      await expect(store.get(running.id)).resolves.toMatchObject({
        outcome: 'running',
      });
    },
  );

  it.each(databases.eachSupportedId())(
    'keeps a lock alive past its first expiry with heartbeats on %p',
    async databaseId => {
      const { open, clock } = await databaseFor(databaseId);
      const store = await open();
      const running = await store.begin(newOperation());

      for (let beat = 0; beat < 3; beat++) {
        clock.advance(LOCK_TTL_MS * 0.8);
        await store.heartbeat(running.id);
      }
      clock.advance(LOCK_TTL_MS * 0.8);

      await expect(store.begin(newOperation())).rejects.toThrow(running.id);
      await expect(store.get(running.id)).resolves.toMatchObject({
        outcome: 'running',
      });
    },
  );

  it.each(databases.eachSupportedId())(
    'refuses a heartbeat from an operation that no longer holds its lock on %p',
    async databaseId => {
      const { open, clock } = await databaseFor(databaseId);
      const store = await open();
      const finished = await store.begin(newOperation({ entityRef: STAGING }));
      await store.finish(finished.id, succeeded());
      const overtaken = await store.begin(newOperation());
      clock.advance(LOCK_TTL_MS);
      await store.begin(newOperation());

      await expect(store.heartbeat(finished.id)).rejects.toThrow(ConflictError);
      await expect(store.heartbeat(overtaken.id)).rejects.toThrow(
        ConflictError,
      );
    },
  );

  it.each(databases.eachSupportedId())(
    'records the real result of an operation whose lock was taken over, keeping the new lock, on %p',
    async databaseId => {
      const { open, clock } = await databaseFor(databaseId);
      const store = await open();
      const slow = await store.begin(newOperation());
      clock.advance(LOCK_TTL_MS);
      const next = await store.begin(newOperation());
      clock.advance(100);

      const late = await store.finish(
        slow.id,
        succeeded({
          changes: [
            { kind: 'DaemonSet', name: 'cos-auditd', action: 'created' },
          ],
        }),
      );

      expect(late).toMatchObject({
        outcome: 'succeeded',
        finishedAt: '2026-11-22T10:00:01.223Z',
        error: null,
        changes: [{ kind: 'DaemonSet', name: 'cos-auditd', action: 'created' }],
        messages: [
          'Its lock expired at 2026-11-22T10:00:01.123Z and was taken over, ' +
            'so another operation may have run on the cluster at the same time',
        ],
      });
      await expect(store.begin(newOperation())).rejects.toThrow(next.id);
      await expect(store.heartbeat(next.id)).resolves.toBeUndefined();
    },
  );

  it.each(databases.eachSupportedId())(
    'makes two backend instances on one database wait for each other on %p',
    async databaseId => {
      const { open } = await databaseFor(databaseId);
      const first = await open();
      const second = await open();
      const running = await first.begin(newOperation());

      await expect(second.begin(newOperation())).rejects.toThrow(running.id);
      await second.heartbeat(running.id);
      await first.finish(running.id, succeeded());
      await expect(second.begin(newOperation())).resolves.toMatchObject({
        outcome: 'running',
      });
    },
  );

  it.each(databases.eachSupportedId())(
    'lets exactly one of many concurrent begins on a cluster win on %p',
    async databaseId => {
      const { knex, open } = await databaseFor(databaseId);
      const instances = [await open(), await open()];
      await openPooledConnections(knex);

      const results = await Promise.allSettled(
        Array.from({ length: 6 }, (_, i) =>
          instances[i % 2].begin(newOperation({ actor: `user:default/u${i}` })),
        ),
      );

      const won = results.flatMap(r => (r.status === 'fulfilled' ? [r] : []));
      const lost = results.flatMap(r => (r.status === 'rejected' ? [r] : []));
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(5);
      for (const { reason } of lost) {
        expect(reason).toBeInstanceOf(ConflictError);
        expect(reason.message).toContain(won[0].value.id);
      }
      expect(ids(await instances[0].list({}))).toEqual([won[0].value.id]);
    },
  );

  it.each(databases.eachSupportedId())(
    'lets exactly one of concurrent begins take over an expired lock on %p',
    async databaseId => {
      const { knex, open, clock } = await databaseFor(databaseId);
      const instances = [await open(), await open()];
      const crashed = await instances[0].begin(newOperation());
      clock.advance(LOCK_TTL_MS);
      await openPooledConnections(knex);

      const results = await Promise.allSettled(
        Array.from({ length: 6 }, (_, i) =>
          instances[i % 2].begin(newOperation()),
        ),
      );

      expect(results.filter(r => r.status === 'fulfilled')).toHaveLength(1);
      expect(
        results.flatMap(r => (r.status === 'rejected' ? [r.reason] : [])),
      ).toEqual(Array(5).fill(expect.any(ConflictError)));
      await expect(instances[1].get(crashed.id)).resolves.toMatchObject({
        outcome: 'failed',
        error: { name: 'LockExpired' },
      });
      const history = await instances[1].list({ entityRef: PROD });
      expect(history.filter(o => o.outcome === 'running')).toHaveLength(1);
      expect(history).toHaveLength(2);
    },
  );

  it.each(databases.eachSupportedId())(
    'finds the newest operation of each entity in one call on %p',
    async databaseId => {
      const { open, clock } = await databaseFor(databaseId);
      const store = await open();
      await ranOperation(store, clock, { entityRef: PROD });
      const prodLatest = await ranOperation(store, clock, {
        entityRef: PROD,
        kind: 'remove',
        dryRun: true,
      });
      const stagingLatest = await ranOperation(store, clock, {
        entityRef: STAGING,
      });
      clock.advance(1_000);
      const running = await store.begin(
        newOperation({ entityRef: 'resource:default/busy' }),
      );

      const latest = await store.latestByEntity([
        PROD,
        STAGING,
        'resource:default/busy',
        'resource:default/never-touched',
        PROD,
      ]);

      expect(latest).toEqual(
        new Map([
          [PROD, prodLatest],
          [STAGING, stagingLatest],
          ['resource:default/busy', running],
        ]),
      );
      await expect(store.latestByEntity([])).resolves.toEqual(new Map());
    },
  );

  it.each(databases.eachSupportedId())(
    'finds the newest finished real operation of a kind on %p',
    async databaseId => {
      const { open, clock } = await databaseFor(databaseId);
      const store = await open();
      await ranOperation(store, clock, { kind: 'remove' });
      const lastRemove = await ranOperation(
        store,
        clock,
        { kind: 'remove', mode: 'stop-shipping' },
        { outcome: 'failed', error: { name: 'Error', message: 'boom' } },
      );
      await ranOperation(store, clock, { kind: 'remove', dryRun: true });
      await ranOperation(store, clock, { kind: 'apply' });
      await ranOperation(store, clock, { kind: 'remove', entityRef: STAGING });
      clock.advance(1_000);
      await store.begin(newOperation({ kind: 'remove' }));

      await expect(store.latestFinished(PROD, 'remove')).resolves.toEqual(
        lastRemove,
      );
      await expect(
        store.latestFinished('resource:default/other', 'remove'),
      ).resolves.toBeUndefined();
    },
  );

  it.each(databases.eachSupportedId())(
    'keeps history and locks when the backend restarts on %p',
    async databaseId => {
      const { open, clock } = await databaseFor(databaseId);
      const before = await open();
      const done = await ranOperation(before, clock, { entityRef: STAGING });
      const running = await before.begin(newOperation());

      const after = await open();

      await expect(after.list({})).resolves.toEqual([running, done]);
      await expect(after.begin(newOperation())).rejects.toThrow(running.id);
    },
  );

  it.each(databases.eachSupportedId())(
    'leaves the schema alone when migrations are skipped on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);

      await DatabaseOperationStore.create({
        database: mockServices.database({ knex, migrations: { skip: true } }),
      });

      await expect(knex.schema.hasTable('cos_auditd_operations')).resolves.toBe(
        false,
      );
    },
  );

  it.each(databases.eachSupportedId())(
    'rolls its migrations back cleanly on %p',
    async databaseId => {
      const { knex, open } = await databaseFor(databaseId);
      await open();
      const directory = resolvePackagePath(
        '@cos-auditd/backstage-plugin-cos-auditd-backend',
        'migrations',
      );

      await knex.migrate.rollback({ directory }, true);

      await expect(knex.schema.hasTable('cos_auditd_locks')).resolves.toBe(
        false,
      );
      await expect(knex.schema.hasTable('cos_auditd_operations')).resolves.toBe(
        false,
      );
    },
  );
});
