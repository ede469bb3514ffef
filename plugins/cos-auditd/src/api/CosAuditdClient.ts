import { parseEntityRef } from '@backstage/catalog-model';
import { DiscoveryApi, FetchApi, OAuthApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import { GOOGLE_TOKEN_HEADER } from '@cos-auditd/backstage-plugin-cos-auditd-common';
import type {
  ActiveFilters,
  ApplyRequest,
  ApplyResult,
  AuditEventsPage,
  ClusterStatus,
  ClusterSummary,
  FilterSpec,
  Operation,
  RemoveRequest,
  RemoveResult,
} from '@cos-auditd/backstage-plugin-cos-auditd-common';
import {
  CosAuditdApi,
  CosAuditdClusterRequestOptions,
  CosAuditdHealth,
  ListAuditEventsQuery,
  ListOperationsQuery,
} from './CosAuditdApi';

/** The scope GKE needs for a user's token. */
export const GOOGLE_CLOUD_PLATFORM_SCOPE =
  'https://www.googleapis.com/auth/cloud-platform';

/**
 * Calls the cos-auditd backend through Backstage's discovery and fetch APIs,
 * so requests carry the signed-in user's Backstage token.
 *
 * For clusters whose `kubernetes.io/auth-provider` is `google` (passed as
 * `options.authProvider`), the user's Google access token is added in the
 * `x-cos-auditd-google-token` header, taken from `googleAuthApi`. Without a
 * `googleAuthApi` no header is sent, and the backend answers 401 with a
 * message saying the token is missing.
 *
 * @public
 */
export class CosAuditdClient implements CosAuditdApi {
  readonly #discoveryApi: DiscoveryApi;
  readonly #fetchApi: FetchApi;
  readonly #googleAuthApi?: Pick<OAuthApi, 'getAccessToken'>;

  constructor(options: {
    discoveryApi: DiscoveryApi;
    fetchApi: FetchApi;
    googleAuthApi?: Pick<OAuthApi, 'getAccessToken'>;
  }) {
    this.#discoveryApi = options.discoveryApi;
    this.#fetchApi = options.fetchApi;
    this.#googleAuthApi = options.googleAuthApi;
  }

  async getHealth(): Promise<CosAuditdHealth> {
    return this.#json<CosAuditdHealth>('/health');
  }

  async listClusters(): Promise<{ items: ClusterSummary[] }> {
    return this.#json('/clusters');
  }

  async getStatus(
    entityRef: string,
    options?: CosAuditdClusterRequestOptions,
  ): Promise<ClusterStatus> {
    return this.#json(`${clusterPath(entityRef)}/status`, {
      headers: await this.#googleHeaders(options),
    });
  }

  async getFilters(
    entityRef: string,
    options?: CosAuditdClusterRequestOptions,
  ): Promise<ActiveFilters> {
    return this.#json(`${clusterPath(entityRef)}/filters`, {
      headers: await this.#googleHeaders(options),
    });
  }

  async getManifest(entityRef: string, filters?: FilterSpec): Promise<string> {
    const query = new URLSearchParams();
    if (filters) {
      query.set('filters', JSON.stringify(filters));
    }
    const response = await this.#fetch(
      `${clusterPath(entityRef)}/manifest${queryString(query)}`,
    );
    return response.text();
  }

  async apply(
    entityRef: string,
    request: ApplyRequest,
    options?: CosAuditdClusterRequestOptions,
  ): Promise<ApplyResult> {
    return this.#post(`${clusterPath(entityRef)}/apply`, request, options);
  }

  async remove(
    entityRef: string,
    request: RemoveRequest,
    options?: CosAuditdClusterRequestOptions,
  ): Promise<RemoveResult> {
    return this.#post(`${clusterPath(entityRef)}/remove`, request, options);
  }

  async listEvents(
    entityRef: string,
    query: ListAuditEventsQuery,
  ): Promise<AuditEventsPage> {
    const params = new URLSearchParams();
    params.set('type', query.type);
    for (const key of [
      'since',
      'until',
      'node',
      'user',
      'q',
      'pageToken',
    ] as const) {
      const value = query[key];
      if (value !== undefined && value !== '') {
        params.set(key, value);
      }
    }
    if (query.pageSize !== undefined) {
      params.set('pageSize', String(query.pageSize));
    }
    return this.#json(`${clusterPath(entityRef)}/events${queryString(params)}`);
  }

  async listOperations(
    query: ListOperationsQuery = {},
  ): Promise<{ items: Operation[] }> {
    const params = new URLSearchParams();
    if (query.entityRef) {
      params.set('entityRef', query.entityRef);
    }
    if (query.limit !== undefined) {
      params.set('limit', String(query.limit));
    }
    return this.#json(`/operations${queryString(params)}`);
  }

  async #googleHeaders(
    options?: CosAuditdClusterRequestOptions,
  ): Promise<Record<string, string>> {
    if (options?.authProvider !== 'google' || !this.#googleAuthApi) {
      return {};
    }
    const token = await this.#googleAuthApi.getAccessToken([
      GOOGLE_CLOUD_PLATFORM_SCOPE,
    ]);
    return token ? { [GOOGLE_TOKEN_HEADER]: token } : {};
  }

  async #post<T>(
    path: string,
    body: unknown,
    options?: CosAuditdClusterRequestOptions,
  ): Promise<T> {
    return this.#json<T>(path, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        ...(await this.#googleHeaders(options)),
      },
      body: JSON.stringify(body ?? {}),
    });
  }

  async #json<T>(path: string, init?: RequestInit): Promise<T> {
    const response = await this.#fetch(path, init);
    return (await response.json()) as T;
  }

  async #fetch(path: string, init?: RequestInit): Promise<Response> {
    const baseUrl = await this.#discoveryApi.getBaseUrl('cos-auditd');
    const url = `${baseUrl}${path}`;
    const hasHeaders = init?.headers && Object.keys(init.headers).length > 0;
    const response =
      init?.method || hasHeaders
        ? await this.#fetchApi.fetch(url, init)
        : await this.#fetchApi.fetch(url);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return response;
  }
}

/** `/clusters/{namespace}/{name}` of a cluster entity reference. */
function clusterPath(entityRef: string): string {
  const { namespace, name } = parseEntityRef(entityRef, {
    defaultKind: 'resource',
    defaultNamespace: 'default',
  });
  return `/clusters/${encodeURIComponent(namespace)}/${encodeURIComponent(
    name,
  )}`;
}

function queryString(params: URLSearchParams): string {
  const text = params.toString();
  return text ? `?${text}` : '';
}
