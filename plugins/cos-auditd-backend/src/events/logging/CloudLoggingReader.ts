import { credentials as grpcCredentials } from '@grpc/grpc-js';
import { Logging, LoggingOptions } from '@google-cloud/logging';
import { PassThroughClient } from 'google-auth-library';
import { LogApiError, LogApiTimeoutError } from './errors';

/** How the backend reaches Cloud Logging (`cosAuditd.logging`). */
export type CloudLoggingSettings = {
  /** `host` or `host:port`; Google's endpoint when unset. */
  apiEndpoint?: string;
  /**
   * Plain-text gRPC without Google credentials, for the simulator. Also
   * skips the metadata server probe that would otherwise wait for a
   * timeout on a machine outside Google Cloud.
   */
  insecure: boolean;
  /** Deadline of every call, in ms. */
  timeoutMs: number;
};

/** A service account key for one cluster's logs, instead of ADC. */
export type LogCredentials = { keyFilename?: string };

/** One page of entries as `@google-cloud/logging` returns them. */
export type LogEntriesPage = {
  entries: ReadonlyArray<{ metadata: object; data: unknown }>;
  nextPageToken?: string;
};

/**
 * Reads Cloud Logging over gRPC with a bounded deadline and no retries, so
 * a failing Logging API answers in seconds. Google credentials come from
 * Application Default Credentials unless a cluster names a key file.
 */
export class CloudLoggingReader {
  readonly #settings: CloudLoggingSettings;
  readonly #clients = new Map<string, Logging>();

  static create(settings: CloudLoggingSettings): CloudLoggingReader {
    return new CloudLoggingReader(settings);
  }

  private constructor(settings: CloudLoggingSettings) {
    this.#settings = settings;
  }

  /** Newest first, as Logs Explorer shows them. */
  async listEntries(request: {
    project: string;
    filter: string;
    pageSize: number;
    pageToken?: string;
    credentials?: LogCredentials;
  }): Promise<LogEntriesPage> {
    const logging = this.#client(request.project, request.credentials);
    try {
      const [entries, , response] = await logging.getEntries({
        resourceNames: [`projects/${request.project}`],
        filter: request.filter,
        orderBy: 'timestamp desc',
        pageSize: request.pageSize,
        pageToken: request.pageToken,
        autoPaginate: false,
        gaxOptions: { timeout: this.#settings.timeoutMs, retry: null },
      });
      const nextPageToken = (response as { nextPageToken?: string } | undefined)
        ?.nextPageToken;
      return { entries, nextPageToken: nextPageToken || undefined };
    } catch (error) {
      throw describeFailure(error, request.project, this.#settings.timeoutMs);
    }
  }

  #client(project: string, credentials: LogCredentials | undefined): Logging {
    const key = `${project}\u0000${credentials?.keyFilename ?? ''}`;
    let client = this.#clients.get(key);
    if (!client) {
      client = new Logging(this.#options(project, credentials));
      this.#clients.set(key, client);
    }
    return client;
  }

  #options(project: string, credentials: LogCredentials | undefined) {
    const [host, port] = (this.#settings.apiEndpoint ?? '').split(':');
    // LoggingOptions lacks the gax transport options it passes through.
    const options: LoggingOptions & { sslCreds?: unknown } = {
      projectId: project,
      ...(host ? { apiEndpoint: host } : {}),
      ...(port ? { port: Number(port) } : {}),
    };
    if (this.#settings.insecure) {
      options.sslCreds = grpcCredentials.createInsecure();
      options.authClient = new PassThroughClient();
    } else if (credentials?.keyFilename) {
      options.keyFilename = credentials.keyFilename;
    }
    return options;
  }
}

/** gRPC status codes this reader tells apart. */
const DEADLINE_EXCEEDED = 4;
const PERMISSION_DENIED = 7;
const UNAUTHENTICATED = 16;
const INVALID_ARGUMENT = 3;

/**
 * A message for the caller from a gRPC failure. It names the project and
 * the kind of failure; the server's own details are kept only for a
 * rejected query (they quote the filter, never credentials).
 */
function describeFailure(error: unknown, project: string, timeoutMs: number) {
  const { code, details } = error as { code?: number; details?: string };
  switch (code) {
    case DEADLINE_EXCEEDED:
      return new LogApiTimeoutError(
        `Cloud Logging did not answer within ${timeoutMs} ms (project ${project})`,
      );
    case PERMISSION_DENIED:
    case UNAUTHENTICATED:
      return new LogApiError(
        `The backend's Google credentials may not read logs in project ${project}; ` +
          'grant them roles/logging.viewer or configure a key for this cluster',
      );
    case INVALID_ARGUMENT:
      return new LogApiError(
        `Cloud Logging rejected the query: ${details ?? 'invalid argument'}`,
      );
    default:
      return new LogApiError(
        `Cloud Logging could not be read (project ${project}): ${
          code === undefined ? 'no connection' : `gRPC status ${code}`
        }`,
      );
  }
}
