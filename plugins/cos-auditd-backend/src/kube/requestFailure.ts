import { ApiException } from '@kubernetes/client-node';

/**
 * What went wrong with one request to an API server, read from whatever the
 * client library threw. Keeps only the status, the cluster's own words and
 * network error codes: never the request, its headers or its credentials.
 */
export type RequestFailure =
  | {
      kind: 'status';
      status: number;
      /** The Status body's `reason`, e.g. `Forbidden`. */
      reason?: string;
      /** The Status body's `message`. */
      message?: string;
      /** From a `Retry-After` header. */
      retryAfterMs?: number;
    }
  | { kind: 'timeout' }
  | { kind: 'network'; code: string }
  | { kind: 'unknown'; message: string };

// The connection broke after it was made: the next attempt may well work.
const TRANSIENT_NETWORK_CODES = new Set([
  'ECONNRESET',
  'EPIPE',
  'ECONNABORTED',
]);

/** Reads an error thrown by `@kubernetes/client-node` (or its fetch) into a `RequestFailure`. */
export function describeFailure(error: unknown): RequestFailure {
  if (error instanceof ApiException) {
    const status = parseStatusBody(error.body);
    return {
      kind: 'status',
      status: error.code,
      ...status,
      ...retryAfter(error.headers),
    };
  }
  const { name, code, type, message } = (error ?? {}) as {
    name?: unknown;
    code?: unknown;
    type?: unknown;
    message?: unknown;
  };
  // Only our own deadline aborts requests, so an abort is a timeout.
  if (name === 'AbortError' || name === 'TimeoutError' || type === 'aborted') {
    return { kind: 'timeout' };
  }
  if (typeof code === 'string' && code) {
    return { kind: 'network', code };
  }
  return { kind: 'unknown', message: String(message ?? error) };
}

/** Whether an idempotent request that failed this way is worth another attempt. */
export function isTransient(failure: RequestFailure): boolean {
  switch (failure.kind) {
    case 'status':
      return failure.status === 429 || failure.status >= 500;
    case 'network':
      return TRANSIENT_NETWORK_CODES.has(failure.code);
    default:
      return false;
  }
}

function parseStatusBody(body: unknown): { reason?: string; message?: string } {
  let status = body;
  if (typeof body === 'string') {
    try {
      status = JSON.parse(body);
    } catch {
      return body.trim() ? { message: body.trim().slice(0, 500) } : {};
    }
  }
  if (!status || typeof status !== 'object') {
    return {};
  }
  const { reason, message } = status as { reason?: unknown; message?: unknown };
  return {
    ...(typeof reason === 'string' && reason ? { reason } : {}),
    ...(typeof message === 'string' && message ? { message } : {}),
  };
}

function retryAfter(headers: unknown): { retryAfterMs?: number } {
  const value = (headers as Record<string, unknown> | undefined)?.[
    'retry-after'
  ];
  if (typeof value !== 'string' || !value.trim()) {
    return {};
  }
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) {
    return { retryAfterMs: seconds * 1000 };
  }
  const date = Date.parse(value);
  return Number.isNaN(date)
    ? {}
    : { retryAfterMs: Math.max(0, date - Date.now()) };
}
