import { randomUUID } from 'node:crypto';
import {
  DatabaseService,
  isDatabaseConflictError,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import {
  Operation,
  OperationKind,
  OperationOutcome,
  RemoveMode,
} from '@cos-auditd/backstage-plugin-cos-auditd-common';
import { Knex } from 'knex';
import {
  NewOperation,
  OperationResult,
  OperationStore,
  OperationUpdate,
} from './OperationStore';

const migrationsDir = resolvePackagePath(
  '@cos-auditd/backstage-plugin-cos-auditd-backend',
  'migrations',
);

const OPERATIONS = 'cos_auditd_operations';
const LOCKS = 'cos_auditd_locks';

const DEFAULT_LOCK_TTL_MS = 60_000;
const DEFAULT_LIST_LIMIT = 50;
const MAX_LIST_LIMIT = 500;
// Another begin can only win the race for a free lock a few times in a row.
const BEGIN_ATTEMPTS = 3;

const LOCK_EXPIRED = {
  name: 'LockExpired',
  message: 'The backend instance running it stopped before it finished',
};

/** A timestamp as read back: a Date from PostgreSQL, epoch milliseconds from SQLite. */
type StoredTime = Date | number | string;

type OperationRow = {
  id: string;
  entity_ref: string;
  kind: string;
  actor: string;
  dry_run: boolean | number;
  spec: string | null;
  mode: string | null;
  outcome: string;
  started_at: StoredTime;
  finished_at: StoredTime | null;
  changes: string;
  nodes: string;
  recreation: string;
  messages: string;
  error: string | null;
};

type LockRow = {
  entity_ref: string;
  operation_id: string;
  expires_at: StoredTime;
};

/**
 * The operation store on the plugin's database: SQLite or PostgreSQL.
 *
 * The lock is a row per busy cluster whose primary key is the entity ref, so
 * of two instances inserting it at once the database lets exactly one win.
 */
export class DatabaseOperationStore implements OperationStore {
  readonly #db: Knex;
  readonly #lockTtlMs: number;
  readonly #clock: () => Date;

  static async create(options: {
    database: DatabaseService;
    /** How long a lock outlives its last heartbeat; 60 s by default. */
    lockTtlMs?: number;
    /** The time source, for tests. */
    clock?: () => Date;
  }): Promise<DatabaseOperationStore> {
    const db = await options.database.getClient();
    if (!options.database.migrations?.skip) {
      await db.migrate.latest({ directory: migrationsDir });
    }
    return new DatabaseOperationStore(
      db,
      options.lockTtlMs ?? DEFAULT_LOCK_TTL_MS,
      options.clock ?? (() => new Date()),
    );
  }

  private constructor(db: Knex, lockTtlMs: number, clock: () => Date) {
    this.#db = db;
    this.#lockTtlMs = lockTtlMs;
    this.#clock = clock;
  }

  async begin(operation: NewOperation): Promise<Operation> {
    for (let attempt = 1; ; attempt++) {
      const now = this.#clock();
      const row: OperationRow = {
        id: randomUUID(),
        entity_ref: operation.entityRef,
        kind: operation.kind,
        actor: operation.actor,
        dry_run: operation.dryRun,
        spec: operation.spec ? JSON.stringify(operation.spec) : null,
        mode: operation.mode,
        outcome: 'running',
        started_at: now,
        finished_at: null,
        changes: '[]',
        nodes: '[]',
        recreation: '[]',
        messages: '[]',
        error: null,
      };
      try {
        await this.#db.transaction(async tx => {
          await this.#takeOverExpiredLock(tx, operation.entityRef, now);
          await tx(OPERATIONS).insert(row);
          await tx<LockRow>(LOCKS).insert({
            entity_ref: operation.entityRef,
            operation_id: row.id,
            expires_at: this.#expiryFrom(now),
          });
        });
        return operationOf(row);
      } catch (error) {
        if (!isDatabaseConflictError(error)) {
          throw error;
        }
        const holder = await this.#lockHolder(operation.entityRef);
        if (holder) {
          throw new ConflictError(busyMessage(holder));
        }
        // The holder finished (or its lock expired) since our insert failed.
        if (attempt >= BEGIN_ATTEMPTS) {
          throw new ConflictError(
            `Cluster ${operation.entityRef} is busy with other operations; try again`,
          );
        }
      }
    }
  }

  async heartbeat(id: string): Promise<void> {
    const extended = await this.#db<LockRow>(LOCKS)
      .where({ operation_id: id })
      .update({ expires_at: this.#expiryFrom(this.#clock()) });
    if (extended === 0) {
      throw new ConflictError(
        `Operation ${id} no longer holds its cluster's lock: it has finished or its lock was taken over`,
      );
    }
  }

  async update(id: string, update: OperationUpdate): Promise<void> {
    const row = await this.#require(this.#db, id);
    if (!acceptsResults(row)) {
      throw new ConflictError(`Operation ${id} has already finished`);
    }
    const columns = progressColumns(update);
    if (Object.keys(columns).length > 0) {
      await this.#db<OperationRow>(OPERATIONS).where({ id }).update(columns);
    }
  }

  async finish(id: string, result: OperationResult): Promise<Operation> {
    return this.#db.transaction(async tx => {
      // Releasing first makes a concurrent takeover of this lock either wait
      // for us or be done before we read the operation, never half-way.
      await tx<LockRow>(LOCKS).where({ operation_id: id }).delete();
      const row = await this.#require(tx, id);
      if (!acceptsResults(row)) {
        throw new ConflictError(
          `Operation ${id} has already finished as ${row.outcome}`,
        );
      }
      const columns: Partial<OperationRow> = {
        ...progressColumns(result),
        outcome: result.outcome,
        finished_at: this.#clock(),
        error: result.error ? JSON.stringify(result.error) : null,
      };
      if (row.outcome !== 'running') {
        // Its lock was taken over, yet the instance was alive after all: the
        // result is what it did, but say another operation may have overlapped.
        const messages: string[] = JSON.parse(row.messages);
        const takenOverAt = isoOf(row.finished_at!);
        columns.messages = JSON.stringify([
          ...messages,
          `Its lock expired at ${takenOverAt} and was taken over, so another ` +
            'operation may have run on the cluster at the same time',
        ]);
      }
      await tx<OperationRow>(OPERATIONS).where({ id }).update(columns);
      return operationOf(await this.#require(tx, id));
    });
  }

  async get(id: string): Promise<Operation | undefined> {
    const row = await this.#db<OperationRow>(OPERATIONS).where({ id }).first();
    return row ? operationOf(row) : undefined;
  }

  async list(options: {
    entityRef?: string;
    limit?: number;
  }): Promise<Operation[]> {
    const limit = options.limit ?? DEFAULT_LIST_LIMIT;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIST_LIMIT) {
      throw new InputError(
        `The limit must be a whole number from 1 to ${MAX_LIST_LIMIT}, not ${limit}`,
      );
    }
    const query = this.#db<OperationRow>(OPERATIONS)
      .orderBy([
        { column: 'started_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .limit(limit);
    if (options.entityRef !== undefined) {
      query.where({ entity_ref: options.entityRef });
    }
    return (await query).map(operationOf);
  }

  async latestByEntity(entityRefs: string[]): Promise<Map<string, Operation>> {
    if (entityRefs.length === 0) {
      return new Map();
    }
    const ranked = this.#db<OperationRow>(OPERATIONS)
      .select('*')
      .rowNumber('newest', q =>
        q
          .orderBy('started_at', 'desc')
          .orderBy('id', 'desc')
          .partitionBy('entity_ref'),
      )
      .whereIn('entity_ref', [...new Set(entityRefs)]);
    const rows: OperationRow[] = await this.#db
      .from(ranked.as('ranked'))
      .where('newest', 1);
    return new Map(rows.map(row => [row.entity_ref, operationOf(row)]));
  }

  async latestFinished(
    entityRef: string,
    kind: OperationKind,
  ): Promise<Operation | undefined> {
    const row = await this.#db<OperationRow>(OPERATIONS)
      .where({ entity_ref: entityRef, kind, dry_run: false })
      .whereNot('outcome', 'running')
      .orderBy([
        { column: 'finished_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .first();
    return row ? operationOf(row) : undefined;
  }

  /**
   * Frees an expired lock and fails its operation. The delete is conditional
   * on the lock still being the expired one, so of two instances taking it
   * over at once only one marks the operation failed, and a heartbeat that
   * lands first keeps it.
   */
  async #takeOverExpiredLock(
    tx: Knex.Transaction,
    entityRef: string,
    now: Date,
  ): Promise<void> {
    const expired = await tx<LockRow>(LOCKS)
      .where({ entity_ref: entityRef })
      .where('expires_at', '<=', now)
      .first();
    if (!expired) {
      return;
    }
    const freed = await tx<LockRow>(LOCKS)
      .where({ entity_ref: entityRef, operation_id: expired.operation_id })
      .where('expires_at', '<=', now)
      .delete();
    if (freed === 0) {
      return;
    }
    await tx<OperationRow>(OPERATIONS)
      .where({ id: expired.operation_id, outcome: 'running' })
      .update({
        outcome: 'failed',
        finished_at: now,
        error: JSON.stringify(LOCK_EXPIRED),
      });
  }

  /** The operation holding an unexpired lock on the entity, if any. */
  async #lockHolder(entityRef: string): Promise<Operation | undefined> {
    const row: OperationRow | undefined = await this.#db(LOCKS)
      .join(OPERATIONS, `${OPERATIONS}.id`, `${LOCKS}.operation_id`)
      .where(`${LOCKS}.entity_ref`, entityRef)
      .where(`${LOCKS}.expires_at`, '>', this.#clock())
      .first(`${OPERATIONS}.*`);
    return row ? operationOf(row) : undefined;
  }

  async #require(db: Knex, id: string): Promise<OperationRow> {
    const row = await db<OperationRow>(OPERATIONS).where({ id }).first();
    if (!row) {
      throw new NotFoundError(`No operation ${id}`);
    }
    return row;
  }

  #expiryFrom(now: Date): Date {
    return new Date(now.getTime() + this.#lockTtlMs);
  }
}

/**
 * A running operation takes results, and so does one whose lock was taken
 * over, because its instance may only have been slow and still report.
 */
function acceptsResults(row: OperationRow): boolean {
  if (row.outcome === 'running') {
    return true;
  }
  return row.error !== null && JSON.parse(row.error).name === LOCK_EXPIRED.name;
}

function progressColumns(
  update: OperationUpdate,
): Partial<Pick<OperationRow, keyof OperationUpdate>> {
  const columns: Partial<Pick<OperationRow, keyof OperationUpdate>> = {};
  for (const key of ['changes', 'nodes', 'recreation', 'messages'] as const) {
    if (update[key] !== undefined) {
      columns[key] = JSON.stringify(update[key]);
    }
  }
  return columns;
}

function busyMessage(holder: Operation): string {
  const what = holder.dryRun ? `${holder.kind} dry run` : holder.kind;
  return (
    `Cluster ${holder.entityRef} is busy: ${what} ${holder.id} by ` +
    `${holder.actor}, started ${holder.startedAt}, is still running`
  );
}

function isoOf(time: StoredTime): string {
  return new Date(time).toISOString();
}

function operationOf(row: OperationRow): Operation {
  return {
    id: row.id,
    entityRef: row.entity_ref,
    kind: row.kind as OperationKind,
    outcome: row.outcome as OperationOutcome,
    startedAt: isoOf(row.started_at),
    finishedAt: row.finished_at === null ? null : isoOf(row.finished_at),
    actor: row.actor,
    // SQLite has no boolean type and reads back 0 or 1.
    dryRun: Boolean(row.dry_run),
    spec: row.spec === null ? null : JSON.parse(row.spec),
    mode: row.mode as RemoveMode | null,
    changes: JSON.parse(row.changes),
    nodes: JSON.parse(row.nodes),
    recreation: JSON.parse(row.recreation),
    messages: JSON.parse(row.messages),
    error: row.error === null ? null : JSON.parse(row.error),
  };
}
