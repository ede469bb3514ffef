import {
  FilterSpec,
  NodeOutcome,
  Operation,
  OperationKind,
  RecreationPlan,
  RemoveMode,
  ResourceChange,
} from '@cos-auditd/backstage-plugin-cos-auditd-common';

/** An operation about to start on a cluster. */
export type NewOperation = {
  entityRef: string;
  kind: OperationKind;
  actor: string;
  dryRun: boolean;
  spec: FilterSpec | null;
  mode: RemoveMode | null;
};

/** Progress of a running operation; each given field replaces the stored one. */
export type OperationUpdate = Partial<
  Pick<Operation, 'changes' | 'nodes' | 'recreation' | 'messages'>
>;

/** How an operation ended; fields left out keep what `update` recorded. */
export type OperationResult = {
  outcome: 'succeeded' | 'failed';
  changes?: ResourceChange[];
  nodes?: NodeOutcome[];
  recreation?: RecreationPlan[];
  error?: { name: string; message: string } | null;
};

/**
 * The history of operations, and the per-cluster lock that lets one of them
 * run at a time, also across backend instances that share the database.
 */
export interface OperationStore {
  /**
   * Starts an operation holding the cluster's lock. Throws `ConflictError`
   * naming the running operation when another holds a lock that has not
   * expired. An expired lock is taken over and its operation is marked failed
   * with error `LockExpired`.
   */
  begin(operation: NewOperation): Promise<Operation>;

  /**
   * Extends the lock of a running operation (called periodically while it
   * runs). Throws `ConflictError` when the operation no longer holds it.
   */
  heartbeat(id: string): Promise<void>;

  /**
   * Records progress of a running operation so the history shows it. Throws
   * `NotFoundError` for an unknown operation and `ConflictError` for one that
   * has finished.
   */
  update(id: string, update: OperationUpdate): Promise<void>;

  /**
   * Ends the operation with its result and releases its lock. An operation
   * whose lock was taken over may still finish: its result replaces
   * `LockExpired`, with a message that another operation may have overlapped.
   * Throws `ConflictError` when the operation has already finished.
   */
  finish(id: string, result: OperationResult): Promise<Operation>;

  get(id: string): Promise<Operation | undefined>;

  /** Newest first. `limit` is 1 to 500, 50 by default. */
  list(options: { entityRef?: string; limit?: number }): Promise<Operation[]>;

  /** The newest operation of each given entity, in one query. */
  latestByEntity(entityRefs: string[]): Promise<Map<string, Operation>>;

  /** The newest finished, non-dry-run operation of an entity of a kind. */
  latestFinished(
    entityRef: string,
    kind: OperationKind,
  ): Promise<Operation | undefined>;
}
