import {
  sendUnaryData,
  Server,
  ServerCredentials,
  ServerUnaryCall,
  status,
} from '@grpc/grpc-js';
import {
  InvalidArgumentError,
  listLogEntries,
  ListLogEntriesRequest,
  writeLogEntries,
  WriteLogEntriesRequest,
} from '../api';
import { LogStore } from '../LogStore';
import { loggingServiceDefinition } from './loggingServiceDefinition';
import { logEntryFromWire, logEntryToWire, WireLogEntry } from './wireLogEntry';

/** The options of `startLoggingServer`. */
export type LoggingServerOptions = {
  /** Default `127.0.0.1`. */
  host?: string;
  /** Default 0: a free port. */
  port?: number;
  store: LogStore;
};

/** A running simulated Cloud Logging API. */
export type LoggingServer = {
  /** `host:port`, as `apiEndpoint` + `port` of @google-cloud/logging expect it. */
  endpoint: string;
  port: number;
  close(): Promise<void>;
};

type WireListRequest = ListLogEntriesRequest;
type WireWriteRequest = Omit<WriteLogEntriesRequest, 'entries'> & {
  entries?: WireLogEntry[];
};

/**
 * Serves `google.logging.v2.LoggingServiceV2` over insecure gRPC:
 * ListLogEntries and WriteLogEntries on the store; every other method
 * answers UNIMPLEMENTED (grpc-js does that for methods without a handler).
 */
export async function startLoggingServer(
  options: LoggingServerOptions,
): Promise<LoggingServer> {
  const host = options.host ?? '127.0.0.1';
  const { store } = options;
  const server = new Server();
  server.addService(loggingServiceDefinition(), {
    ListLogEntries: (
      call: ServerUnaryCall<WireListRequest, unknown>,
      callback: sendUnaryData<unknown>,
    ) =>
      answer(callback, () => {
        const page = listLogEntries(store, call.request);
        return {
          entries: page.entries.map(logEntryToWire),
          nextPageToken: page.nextPageToken ?? '',
        };
      }),
    WriteLogEntries: (
      call: ServerUnaryCall<WireWriteRequest, unknown>,
      callback: sendUnaryData<unknown>,
    ) =>
      answer(callback, () => {
        const { entries, ...request } = call.request;
        writeLogEntries(store, {
          ...request,
          entries: (entries ?? []).map(logEntryFromWire),
        });
        return {};
      }),
  });

  const port = await new Promise<number>((resolve, reject) => {
    server.bindAsync(
      `${host}:${options.port ?? 0}`,
      ServerCredentials.createInsecure(),
      (error, boundPort) => (error ? reject(error) : resolve(boundPort)),
    );
  });

  return {
    endpoint: `${host}:${port}`,
    port,
    close: () => shutDown(server),
  };
}

function answer(callback: sendUnaryData<unknown>, handle: () => unknown): void {
  try {
    callback(null, handle());
  } catch (error) {
    if (error instanceof InvalidArgumentError) {
      callback({ code: status.INVALID_ARGUMENT, details: error.message });
    } else {
      callback({ code: status.INTERNAL, details: String(error) });
    }
  }
}

/** Lets calls in flight finish, but not for long: a stuck client must not keep Jest alive. */
function shutDown(server: Server): Promise<void> {
  return new Promise(resolve => {
    const force = setTimeout(() => {
      server.forceShutdown();
      resolve();
    }, 1000);
    server.tryShutdown(() => {
      clearTimeout(force);
      resolve();
    });
  });
}
