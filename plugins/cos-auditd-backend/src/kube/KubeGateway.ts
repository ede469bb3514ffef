import type { Agent as HttpAgent } from 'node:http';
import type { Agent as HttpsAgent } from 'node:https';
import { LoggerService } from '@backstage/backend-plugin-api';
import { GoogleAuth } from 'google-auth-library';
import { ApiServerClient } from './ApiServerClient';
import { bearerToken, GoogleAccessTokens } from './bearerToken';
import { clusterAgentKey, createClusterAgent } from './clusterAgent';
import { ClusterClient } from './ClusterClient';
import { ClusterConnection } from './ClusterConnection';
import { clusterConfiguration } from './clusterConfiguration';

/** Options of `KubeGateway.create`. */
export type KubeGatewayOptions = {
  logger: LoggerService;
  /** How long one request to an API server may take. Default 5000. */
  timeoutMs?: number;
  /** Extra attempts of a read after 429, 5xx or a reset connection. Default 2. */
  readRetries?: number;
  /** The first retry's backoff; each further one doubles it. Default 200. */
  retryBaseDelayMs?: number;
  /**
   * The backend's own Google access tokens, for `googleServiceAccount`
   * clusters. Default: Application Default Credentials, created on first use.
   */
  googleAuth?: GoogleAccessTokens;
};

const GOOGLE_CLOUD_PLATFORM_SCOPE =
  'https://www.googleapis.com/auth/cloud-platform';

/**
 * Hands out a `ClusterClient` per cluster connection. Clients share nothing
 * that could make one cluster wait for another: each request has its own
 * deadline, and connection pools are per API server.
 */
export class KubeGateway {
  readonly #logger: LoggerService;
  readonly #timeoutMs: number;
  readonly #readRetries: number;
  readonly #retryBaseDelayMs: number;
  readonly #agents = new Map<string, HttpAgent | HttpsAgent>();
  #googleAuth: GoogleAccessTokens | undefined;

  static create(options: KubeGatewayOptions): KubeGateway {
    return new KubeGateway(options);
  }

  private constructor(options: KubeGatewayOptions) {
    this.#logger = options.logger;
    this.#timeoutMs = options.timeoutMs ?? 5000;
    this.#readRetries = options.readRetries ?? 2;
    this.#retryBaseDelayMs = options.retryBaseDelayMs ?? 200;
    this.#googleAuth = options.googleAuth;
  }

  /** A client for one cluster, with the connection's credentials. */
  forCluster(connection: ClusterConnection): ClusterClient {
    const configuration = clusterConfiguration({
      url: connection.url,
      agent: this.#agentFor(connection),
      bearerToken: bearerToken(connection.auth, {
        entityRef: connection.entityRef,
        timeoutMs: this.#timeoutMs,
        googleAuth: () => this.#google(),
      }),
      timeoutMs: this.#timeoutMs,
    });
    return ApiServerClient.create({
      entityRef: connection.entityRef,
      auth: connection.auth.provider,
      configuration,
      timeoutMs: this.#timeoutMs,
      readRetries: this.#readRetries,
      retryBaseDelayMs: this.#retryBaseDelayMs,
      logger: this.#logger,
    });
  }

  // Callers make a client per operation, so the pools live here, one per
  // API server and TLS setting, to reuse connections across operations.
  #agentFor(connection: ClusterConnection): HttpAgent | HttpsAgent {
    const key = clusterAgentKey(connection);
    let agent = this.#agents.get(key);
    if (!agent) {
      agent = createClusterAgent(connection);
      this.#agents.set(key, agent);
    }
    return agent;
  }

  // Created on first use: most portals never need ADC, and creating it
  // early would look for credentials at start.
  #google(): GoogleAccessTokens {
    this.#googleAuth ??= new GoogleAuth({
      scopes: [GOOGLE_CLOUD_PLATFORM_SCOPE],
    });
    return this.#googleAuth;
  }
}
