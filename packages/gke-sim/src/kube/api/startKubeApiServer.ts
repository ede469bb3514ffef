import {
  createServer as createHttpServer,
  IncomingMessage,
  Server,
  ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { KubeError } from '../KubeError';
import { ApiVerb, authenticate, authorize } from './authorization';
import { discoveryDocument } from './discovery';
import { KubeApiBackend } from './KubeApiBackend';
import { ListeningSwitch } from './ListeningSwitch';
import {
  parseNamespacePath,
  parseResourcePath,
  ResourceTarget,
} from './requestTarget';
import {
  ApiAnswer,
  ResourceRequest,
  ResourceRequests,
} from './ResourceRequests';
import { createServingCertificate } from './servingCertificate';
import { streamWatch } from './watchStream';

export type KubeApiServerOptions = {
  /** Address to listen on; default 127.0.0.1. */
  host?: string;
  /** Port; 0 or absent picks a free one. */
  port?: number;
  /** Serve HTTPS with a certificate generated at start. */
  tls?: boolean;
  /** Bearer token that may do anything. */
  adminToken: string;
  /** Bearer token that may only get, list and watch. */
  readOnlyToken: string;
};

export type KubeApiServer = {
  /** Base URL, e.g. `https://127.0.0.1:16443`. */
  url: string;
  /** PEM of the certificate clients must trust, when served over HTTPS. */
  ca?: string;
  close(): Promise<void>;
};

const PUBLIC_PATHS = ['/version', '/healthz', '/livez', '/readyz'];

/**
 * Serves a cluster's Kubernetes API over HTTP(S), faithfully enough for
 * @kubernetes/client-node and kubectl, and applies the cluster's API faults
 * (latency, 500s, 429s, refused connections, hangs) to every request.
 */
export async function startKubeApiServer(
  backend: KubeApiBackend,
  options: KubeApiServerOptions,
): Promise<KubeApiServer> {
  const host = options.host ?? '127.0.0.1';
  const certificate = options.tls
    ? await createServingCertificate()
    : undefined;
  const requests = ResourceRequests.create({ backend });
  const pendingDelays = new Set<NodeJS.Timeout>();
  const watches = new Set<() => void>();
  let address = '';

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const faults = backend.faults();
    if (faults.hang) {
      // Accepted and never answered; close() drops the connection.
      return;
    }
    if (faults.apiLatencyMs > 0) {
      await new Promise<void>(resolve => {
        const timer = setTimeout(() => {
          pendingDelays.delete(timer);
          resolve();
        }, faults.apiLatencyMs);
        pendingDelays.add(timer);
      });
    }
    try {
      const body = await readBody(req);
      refuseByFault(backend);
      const url = new URL(req.url ?? '/', 'http://simulator');
      const path = url.pathname;
      const user = PUBLIC_PATHS.includes(path)
        ? undefined
        : authenticate(req.headers.authorization, options);
      if (['/healthz', '/livez', '/readyz'].includes(path)) {
        res.writeHead(200, { 'Content-Type': 'text/plain' }).end('ok');
        return;
      }
      const discovery = discoveryDocument(
        path,
        address,
        backend.kubernetesVersion,
      );
      if (discovery) {
        send(res, { code: 200, body: discovery });
        return;
      }
      const target = parseNamespacePath(path) ?? parseResourcePath(path);
      if (!target) {
        throw new KubeError(
          404,
          'NotFound',
          'the server could not find the requested resource',
          {},
        );
      }
      if (!user) {
        throw new KubeError(
          404,
          'NotFound',
          'the server could not find the requested resource',
          {},
        );
      }
      const verb = verbOf(req.method ?? 'GET', target, url.searchParams);
      authorize(user, verb, target.resource, target.namespace, target.name);
      const request: ResourceRequest = {
        target,
        query: url.searchParams,
        body,
        contentType: req.headers['content-type'] ?? 'application/json',
        user,
        userAgent: req.headers['user-agent'] ?? '',
      };
      if (verb === 'watch') {
        const stop = streamWatch({
          response: res,
          store: backend.store,
          resource: target.resource,
          namespace: target.namespace,
          query: url.searchParams,
        });
        watches.add(stop);
        res.on('close', () => watches.delete(stop));
        return;
      }
      send(res, answer(requests, verb, request));
    } catch (error) {
      sendError(res, error);
    }
  };

  const listener = (req: IncomingMessage, res: ServerResponse) => {
    handle(req, res).catch(error => sendError(res, error));
  };
  const server: Server = certificate
    ? createHttpsServer(
        { cert: certificate.cert, key: certificate.key },
        listener,
      )
    : createHttpServer(listener);

  const listening = await ListeningSwitch.start({
    server,
    host,
    port: options.port ?? 0,
  });
  const urlHost = host === '0.0.0.0' ? '127.0.0.1' : host;
  address = `${urlHost}:${listening.port}`;
  const stopFollowingFaults = backend.onFaultsChange(faults => {
    listening.set(!faults.refuseConnections);
  });
  if (backend.faults().refuseConnections) {
    await listening.set(false);
  }

  return {
    url: `${certificate ? 'https' : 'http'}://${address}`,
    ca: certificate?.cert,
    async close() {
      stopFollowingFaults();
      for (const timer of pendingDelays) {
        clearTimeout(timer);
      }
      pendingDelays.clear();
      for (const stop of watches) {
        stop();
      }
      await listening.set(false);
    },
  };
}

function answer(
  requests: ResourceRequests,
  verb: ApiVerb,
  request: ResourceRequest,
): ApiAnswer {
  switch (verb) {
    case 'get':
      return requests.get(request);
    case 'list':
      return requests.list(request);
    case 'create':
      return requests.create(request);
    case 'update':
      return requests.replace(request);
    case 'patch':
      return requests.patch(request);
    case 'delete':
      return requests.delete(request);
    default:
      throw methodNotAllowed();
  }
}

function verbOf(
  method: string,
  target: ResourceTarget,
  query: URLSearchParams,
): ApiVerb {
  const named = target.name !== undefined;
  if (target.subresource && method !== 'GET') {
    throw methodNotAllowed();
  }
  switch (method) {
    case 'GET':
      if (named) {
        return 'get';
      }
      return ['true', '1'].includes(query.get('watch') ?? '')
        ? 'watch'
        : 'list';
    case 'POST':
      if (!named) {
        return 'create';
      }
      break;
    case 'PUT':
      if (named) {
        return 'update';
      }
      break;
    case 'PATCH':
      if (named) {
        return 'patch';
      }
      break;
    case 'DELETE':
      if (named) {
        return 'delete';
      }
      break;
    default:
      break;
  }
  throw methodNotAllowed();
}

function methodNotAllowed(): KubeError {
  return new KubeError(
    405,
    'MethodNotAllowed',
    'the server does not allow this method on the requested resource',
  );
}

/** 429 and 500 answers at the shares the cluster's faults ask for. */
function refuseByFault(backend: KubeApiBackend) {
  const faults = backend.faults();
  if (faults.errorRate429 > 0 && Math.random() < faults.errorRate429) {
    throw new KubeError(
      429,
      'TooManyRequests',
      'the server has received too many requests and has asked us to try again later',
      { retryAfterSeconds: 1 },
    );
  }
  if (faults.errorRate500 > 0 && Math.random() < faults.errorRate500) {
    throw new KubeError(
      500,
      'InternalError',
      'Internal error occurred: simulated server error',
    );
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', chunk => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, { code, body }: ApiAnswer) {
  if (res.headersSent || res.destroyed) {
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(code, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}

function sendError(res: ServerResponse, error: unknown) {
  const kubeError =
    error instanceof KubeError
      ? error
      : new KubeError(
          500,
          'InternalError',
          `Internal error occurred: ${(error as Error)?.message ?? error}`,
        );
  if (kubeError.code === 429 && !res.headersSent) {
    res.setHeader(
      'Retry-After',
      String(kubeError.details?.retryAfterSeconds ?? 1),
    );
  }
  send(res, { code: kubeError.code, body: kubeError.toStatus() });
}
