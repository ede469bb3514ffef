import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import { CosAuditdApi, CosAuditdHealth } from './CosAuditdApi';

/**
 * Calls the cos-auditd backend through Backstage's discovery and fetch APIs,
 * so requests carry the signed-in user's Backstage token.
 *
 * @public
 */
export class CosAuditdClient implements CosAuditdApi {
  readonly #discoveryApi: DiscoveryApi;
  readonly #fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.#discoveryApi = options.discoveryApi;
    this.#fetchApi = options.fetchApi;
  }

  async getHealth(): Promise<CosAuditdHealth> {
    return this.#get<CosAuditdHealth>('/health');
  }

  async #get<T>(path: string): Promise<T> {
    const baseUrl = await this.#discoveryApi.getBaseUrl('cos-auditd');
    const response = await this.#fetchApi.fetch(`${baseUrl}${path}`);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}
