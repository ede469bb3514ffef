import { LoggerService } from '@backstage/backend-plugin-api';
import { Operation } from '@cos-auditd/backstage-plugin-cos-auditd-common';
import {
  NewOperation,
  OperationResult,
  OperationStore,
  OperationUpdate,
} from '../store';

/** What an operation's work reports as it goes. */
export type OperationProgress = {
  update(update: OperationUpdate): Promise<void>;
};

/**
 * Runs one stored operation: takes the cluster's lock (409 when another
 * holds it), keeps the lock alive while the work runs, and records the
 * outcome, also when the work throws, so the history never loses an
 * attempt. The work's error is rethrown for the caller's response.
 */
export class OperationRunner {
  readonly #store: OperationStore;
  readonly #logger: LoggerService;
  readonly #heartbeatMs: number;

  static create(options: {
    store: OperationStore;
    logger: LoggerService;
    heartbeatMs?: number;
  }) {
    return new OperationRunner(
      options.store,
      options.logger,
      options.heartbeatMs ?? 15_000,
    );
  }

  private constructor(
    store: OperationStore,
    logger: LoggerService,
    heartbeatMs: number,
  ) {
    this.#store = store;
    this.#logger = logger;
    this.#heartbeatMs = heartbeatMs;
  }

  async run(
    operation: NewOperation,
    work: (
      progress: OperationProgress,
    ) => Promise<Omit<OperationResult, 'outcome'>>,
  ): Promise<Operation> {
    const started = await this.#store.begin(operation);
    const heartbeat = setInterval(() => {
      this.#store
        .heartbeat(started.id)
        .catch(error =>
          this.#logger.warn(
            `Could not extend the lock of operation ${started.id}: ${error}`,
          ),
        );
    }, this.#heartbeatMs);
    heartbeat.unref?.();
    try {
      const result = await work({
        update: update => this.#store.update(started.id, update),
      });
      return await this.#store.finish(started.id, {
        ...result,
        outcome: 'succeeded',
      });
    } catch (error) {
      const { name, message } = error as Error;
      await this.#store.finish(started.id, {
        outcome: 'failed',
        error: { name: name ?? 'Error', message: message ?? String(error) },
      });
      throw error;
    } finally {
      clearInterval(heartbeat);
    }
  }
}
