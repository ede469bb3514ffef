/** The longest wait before a retry, also when a server's Retry-After asks for more. */
export const MAX_RETRY_DELAY_MS = 2000;

/**
 * How long to wait before retry number `retry` (1 for the first): an
 * exponential backoff with jitter, so that many callers do not retry in step,
 * or the server's Retry-After when that is longer; never more than
 * `MAX_RETRY_DELAY_MS`, because a person is waiting for the answer.
 */
export function retryDelayMs(options: {
  retry: number;
  baseDelayMs: number;
  retryAfterMs?: number;
  random?: () => number;
}): number {
  const {
    retry,
    baseDelayMs,
    retryAfterMs = 0,
    random = Math.random,
  } = options;
  const backoff = baseDelayMs * 2 ** (retry - 1);
  const jittered = backoff / 2 + (random() * backoff) / 2;
  return Math.round(
    Math.min(MAX_RETRY_DELAY_MS, Math.max(jittered, retryAfterMs)),
  );
}
