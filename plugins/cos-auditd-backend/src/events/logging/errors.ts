import { CustomErrorBase } from '@backstage/errors';

/**
 * Cloud Logging refused or failed the read (unavailable, no permission on
 * the project, a rejected query). Backstage's error handler answers 502.
 */
export class LogApiError extends CustomErrorBase {
  name = 'LogApiError' as const;
  readonly statusCode = 502;
}

/** Cloud Logging did not answer within the configured deadline: 504. */
export class LogApiTimeoutError extends CustomErrorBase {
  name = 'LogApiTimeoutError' as const;
  readonly statusCode = 504;
}
