import { setTimeout as delay } from 'node:timers/promises';
import {
  AuthService,
  BackstageCredentials,
  DiscoveryService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import type {
  ApplyRequest,
  ApplyResult,
  ClusterStatus,
  RemoveRequest,
  RemoveResult,
} from '@cos-auditd/backstage-plugin-cos-auditd-common';
import { ClusterRef } from './clusterRef';

/** The cos-auditd backend's plugin id: `/api/cos-auditd`. */
export const COS_AUDITD_PLUGIN_ID = 'cos-auditd';

/** How a request that answered 409 (another operation runs on the cluster) is retried. */
export type ConflictRetryOptions = {
  /** Retries after the first attempt. Default 3. */
  retries?: number;
  /** Wait before the first retry, doubled for every next one. Default 2000 ms. */
  initialDelayMs?: number;
};

/**
 * An error answer of the cos-auditd backend, with Backstage's error body
 * read: `cos-auditd answered 403 NotAllowedError: You are not allowed to …`.
 */
export class CosAuditdResponseError extends Error {
  readonly statusCode: number;
  readonly errorName: string;
  readonly errorMessage: string;

  constructor(options: {
    method: string;
    path: string;
    statusCode: number;
    errorName: string;
    errorMessage: string;
  }) {
    super(
      `cos-auditd answered ${options.statusCode} ${options.errorName}: ${options.errorMessage} (${options.method} ${options.path})`,
    );
    this.name = 'CosAuditdResponseError';
    this.statusCode = options.statusCode;
    this.errorName = options.errorName;
    this.errorMessage = options.errorMessage;
  }
}

/**
 * The few cos-auditd REST routes the actions use, called with a token the
 * auth service issues on behalf of the template's initiator, so the
 * cos-auditd permission policy and operation history see that user.
 */
export class CosAuditdApi {
  readonly #discovery: DiscoveryService;
  readonly #auth: AuthService;
  readonly #retries: number;
  readonly #initialDelayMs: number;

  constructor(options: {
    discovery: DiscoveryService;
    auth: AuthService;
    conflictRetry?: ConflictRetryOptions;
  }) {
    this.#discovery = options.discovery;
    this.#auth = options.auth;
    this.#retries = Math.max(0, options.conflictRetry?.retries ?? 3);
    this.#initialDelayMs = Math.max(
      0,
      options.conflictRetry?.initialDelayMs ?? 2000,
    );
  }

  apply(
    cluster: ClusterRef,
    body: ApplyRequest,
    context: RequestContext,
  ): Promise<ApplyResult> {
    return this.#request<ApplyResult>(
      'POST',
      `${clusterPath(cluster)}/apply`,
      body,
      context,
    );
  }

  remove(
    cluster: ClusterRef,
    body: RemoveRequest,
    context: RequestContext,
  ): Promise<RemoveResult> {
    return this.#request<RemoveResult>(
      'POST',
      `${clusterPath(cluster)}/remove`,
      body,
      context,
    );
  }

  status(cluster: ClusterRef, context: RequestContext): Promise<ClusterStatus> {
    return this.#request<ClusterStatus>(
      'GET',
      `${clusterPath(cluster)}/status`,
      undefined,
      context,
    );
  }

  async #request<T>(
    method: 'GET' | 'POST',
    path: string,
    body: object | undefined,
    context: RequestContext,
  ): Promise<T> {
    const baseUrl = await this.#discovery.getBaseUrl(COS_AUDITD_PLUGIN_ID);
    for (let attempt = 0; ; attempt++) {
      // A fresh token per attempt: retries may outlive a short-lived one.
      const { token } = await this.#auth.getPluginRequestToken({
        onBehalfOf: context.credentials,
        targetPluginId: COS_AUDITD_PLUGIN_ID,
      });
      let response: Response;
      try {
        response = await fetch(`${baseUrl}${path}`, {
          method,
          headers: {
            Authorization: `Bearer ${token}`,
            Accept: 'application/json',
            ...(body ? { 'Content-Type': 'application/json' } : {}),
          },
          body: body ? JSON.stringify(body) : undefined,
          signal: context.signal,
        });
      } catch (error) {
        if (context.signal?.aborted) {
          throw new Error(`${method} ${path} was cancelled`);
        }
        throw new Error(
          `Could not reach cos-auditd at ${baseUrl} (${method} ${path}): ${describeFetchError(
            error,
          )}`,
        );
      }
      if (response.ok) {
        return (await response.json()) as T;
      }
      const error = await readError(method, path, response);
      if (error.statusCode === 409 && attempt < this.#retries) {
        const delayMs = this.#initialDelayMs * 2 ** attempt;
        context.logger.warn(
          `${error.errorMessage}; retrying in ${
            Math.round(delayMs / 100) / 10
          } s (retry ${attempt + 1} of ${this.#retries})`,
        );
        await sleep(delayMs, context.signal);
        continue;
      }
      throw error;
    }
  }
}

/** What every call needs from the action context. */
export type RequestContext = {
  credentials: BackstageCredentials;
  logger: LoggerService;
  signal?: AbortSignal;
};

function clusterPath(cluster: ClusterRef) {
  return `/clusters/${encodeURIComponent(
    cluster.namespace,
  )}/${encodeURIComponent(cluster.name)}`;
}

async function readError(
  method: string,
  path: string,
  response: Response,
): Promise<CosAuditdResponseError> {
  const text = await response.text().catch(() => '');
  let errorName = response.statusText || 'Error';
  let errorMessage = text.slice(0, 300) || '(empty response body)';
  try {
    const parsed = JSON.parse(text);
    if (
      parsed?.error &&
      typeof parsed.error.name === 'string' &&
      typeof parsed.error.message === 'string'
    ) {
      errorName = parsed.error.name;
      errorMessage = parsed.error.message;
    }
  } catch {
    // Not Backstage's error body (a proxy's page, say): keep the text.
  }
  return new CosAuditdResponseError({
    method,
    path,
    statusCode: response.status,
    errorName,
    errorMessage,
  });
}

function describeFetchError(error: unknown): string {
  const { message, cause } = error as Error & { cause?: Error };
  return cause?.message ? `${message}: ${cause.message}` : String(message);
}

async function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  try {
    await delay(ms, undefined, { signal });
  } catch {
    throw new Error('Cancelled while waiting to retry');
  }
}
