import { CustomErrorBase } from '@backstage/errors';

/**
 * A cluster's API server could not be reached (refused connection, DNS,
 * TLS) or kept failing (5xx, 429 after retries). Backstage's error handler
 * answers it with 502.
 */
export class ClusterUnreachableError extends CustomErrorBase {
  name = 'ClusterUnreachableError' as const;
  readonly statusCode = 502;
}

/**
 * A cluster's API server did not answer within the configured time.
 * Backstage's error handler answers it with 504.
 */
export class ClusterTimeoutError extends CustomErrorBase {
  name = 'ClusterTimeoutError' as const;
  readonly statusCode = 504;
}
