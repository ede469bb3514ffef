import { setTimeout as sleep } from 'node:timers/promises';
import { LoggerService } from '@backstage/backend-plugin-api';
import { CustomErrorBase } from '@backstage/errors';
import {
  AppsV1Api,
  Configuration,
  CoreV1Api,
  KubernetesObject,
  KubernetesObjectApi,
  PatchStrategy,
  V1ConfigMap,
  V1DaemonSet,
  V1ListMeta,
  V1Namespace,
  V1Node,
  V1Pod,
} from '@kubernetes/client-node';
import { ResourceChange } from '@cos-auditd/backstage-plugin-cos-auditd-common';
import { FIELD_MANAGER } from '../manifests/names';
import { applyAction } from './applyAction';
import { ClusterClient, ObjectRef } from './ClusterClient';
import { ClusterAuth } from './ClusterConnection';
import { clusterError } from './clusterError';
import { describeFailure, isTransient, RequestFailure } from './requestFailure';
import { retryDelayMs } from './retryDelay';

/** Items per LIST request; clusters may have thousands of nodes. */
export const PAGE_SIZE = 500;

type CallOptions<T> = {
  /** Extra attempts after a transient failure; 0 for writes. */
  retries: number;
  /** What a 404 means for this call; without it, a 404 is an error. */
  notFound?: () => T;
};

type ApiServerClientOptions = {
  entityRef: string;
  auth: ClusterAuth['provider'];
  /** The client library's configuration: URL, agent, credentials, deadline. */
  configuration: Configuration;
  timeoutMs: number;
  readRetries: number;
  retryBaseDelayMs: number;
  logger: LoggerService;
};

/** The `ClusterClient` that talks to a real (or simulated) Kubernetes API server. */
export class ApiServerClient implements ClusterClient {
  readonly #entityRef: string;
  readonly #auth: ClusterAuth['provider'];
  readonly #timeoutMs: number;
  readonly #readRetries: number;
  readonly #retryBaseDelayMs: number;
  readonly #logger: LoggerService;
  readonly #core: CoreV1Api;
  readonly #apps: AppsV1Api;
  readonly #objects: KubernetesObjectApi;

  static create(options: ApiServerClientOptions): ApiServerClient {
    return new ApiServerClient(options);
  }

  private constructor(options: ApiServerClientOptions) {
    this.#entityRef = options.entityRef;
    this.#auth = options.auth;
    this.#timeoutMs = options.timeoutMs;
    this.#readRetries = options.readRetries;
    this.#retryBaseDelayMs = options.retryBaseDelayMs;
    this.#logger = options.logger;
    this.#core = new CoreV1Api(options.configuration);
    this.#apps = new AppsV1Api(options.configuration);
    this.#objects = new KubernetesObjectApi(options.configuration);
  }

  listNodes(): Promise<V1Node[]> {
    return this.#listAll('list nodes', _continue =>
      this.#core.listNode({ limit: PAGE_SIZE, _continue }),
    );
  }

  async sampleNodes(options: {
    labelSelector?: string;
    limit: number;
  }): Promise<V1Node[]> {
    const list = await this.#call(
      'list nodes',
      () =>
        this.#core.listNode({
          labelSelector: options.labelSelector,
          limit: options.limit,
        }),
      { retries: this.#readRetries },
    );
    return list.items;
  }

  listPods(namespace: string, labelSelector: string): Promise<V1Pod[]> {
    return this.#listAll(`list pods in ${namespace}`, _continue =>
      this.#core.listNamespacedPod({
        namespace,
        labelSelector,
        limit: PAGE_SIZE,
        _continue,
      }),
    );
  }

  getNamespace(name: string): Promise<V1Namespace | null> {
    return this.#call(
      `get namespace ${name}`,
      () => this.#core.readNamespace({ name }),
      this.#readOrNull(),
    );
  }

  getConfigMap(namespace: string, name: string): Promise<V1ConfigMap | null> {
    return this.#call(
      `get configmap ${namespace}/${name}`,
      () => this.#core.readNamespacedConfigMap({ namespace, name }),
      this.#readOrNull(),
    );
  }

  getDaemonSet(namespace: string, name: string): Promise<V1DaemonSet | null> {
    return this.#call(
      `get daemonset ${namespace}/${name}`,
      () => this.#apps.readNamespacedDaemonSet({ namespace, name }),
      this.#readOrNull(),
    );
  }

  async apply(
    object: KubernetesObject,
    options: { dryRun: boolean },
  ): Promise<ResourceChange> {
    const ref = objectRef(object);
    const what = `${ref.kind} ${ref.namespace ? `${ref.namespace}/` : ''}${
      ref.name
    }`;
    const live = await this.#call<KubernetesObject | null>(
      `get ${what}`,
      () => this.#objects.read(header(ref)),
      this.#readOrNull(),
    );
    // The library fills in defaults on the object it sends; keep the caller's intact.
    const applied = await this.#call(
      `apply ${what}`,
      () =>
        this.#objects.patch(
          structuredClone(object),
          undefined,
          options.dryRun ? 'All' : undefined,
          FIELD_MANAGER,
          true,
          PatchStrategy.ServerSideApply,
        ),
      { retries: 0 },
    );
    return { ...change(ref), action: applyAction(live, applied, options) };
  }

  async delete(
    ref: ObjectRef,
    options: { dryRun: boolean },
  ): Promise<ResourceChange> {
    const deleted = await this.#call(
      `delete ${ref.kind} ${ref.name}`,
      async () => {
        await this.#objects.delete(
          header(ref),
          undefined,
          options.dryRun ? 'All' : undefined,
          undefined,
          undefined,
          'Background',
        );
        return true;
      },
      { retries: 0, notFound: () => false },
    );
    return { ...change(ref), action: deleted ? 'deleted' : 'absent' };
  }

  #readOrNull<T>(): CallOptions<T | null> {
    return { retries: this.#readRetries, notFound: () => null };
  }

  async #listAll<T>(
    what: string,
    page: (
      continueToken: string | undefined,
    ) => Promise<{ items: T[]; metadata?: V1ListMeta }>,
  ): Promise<T[]> {
    const items: T[] = [];
    let continueToken: string | undefined;
    do {
      const token = continueToken;
      const list = await this.#call(what, () => page(token), {
        retries: this.#readRetries,
      });
      items.push(...list.items);
      continueToken = list.metadata?._continue || undefined;
    } while (continueToken);
    return items;
  }

  /** One API request, retried while it fails transiently and retries are left. */
  async #call<T>(
    what: string,
    request: () => Promise<T>,
    options: CallOptions<T>,
  ): Promise<T> {
    for (let retry = 1; ; retry++) {
      let failure: RequestFailure;
      try {
        return await request();
      } catch (error) {
        // Our own errors (the Google token source) are already in words.
        if (error instanceof CustomErrorBase) {
          throw error;
        }
        failure = describeFailure(error);
      }
      if (
        options.notFound &&
        failure.kind === 'status' &&
        failure.status === 404
      ) {
        return options.notFound();
      }
      if (retry > options.retries || !isTransient(failure)) {
        throw clusterError(failure, {
          entityRef: this.#entityRef,
          auth: this.#auth,
          timeoutMs: this.#timeoutMs,
        });
      }
      const delayMs = retryDelayMs({
        retry,
        baseDelayMs: this.#retryBaseDelayMs,
        retryAfterMs:
          failure.kind === 'status' ? failure.retryAfterMs : undefined,
      });
      this.#logger.warn(
        `Retrying ${what} on ${
          this.#entityRef
        } in ${delayMs} ms (retry ${retry} of ${
          options.retries
        }) after ${summary(failure)}`,
      );
      await sleep(delayMs);
    }
  }
}

function objectRef(object: KubernetesObject): ObjectRef {
  const { apiVersion, kind, metadata } = object;
  if (!apiVersion || !kind || !metadata?.name) {
    throw new TypeError(
      'An applied object needs apiVersion, kind and metadata.name',
    );
  }
  return {
    apiVersion,
    kind,
    name: metadata.name,
    ...(metadata.namespace ? { namespace: metadata.namespace } : {}),
  };
}

function header(ref: ObjectRef) {
  return {
    apiVersion: ref.apiVersion,
    kind: ref.kind,
    metadata: {
      name: ref.name,
      ...(ref.namespace ? { namespace: ref.namespace } : {}),
    },
  };
}

function change(ref: ObjectRef): Omit<ResourceChange, 'action'> {
  return {
    kind: ref.kind,
    name: ref.name,
    ...(ref.namespace ? { namespace: ref.namespace } : {}),
  };
}

function summary(failure: RequestFailure): string {
  switch (failure.kind) {
    case 'status':
      return `status ${failure.status}${
        failure.reason ? ` ${failure.reason}` : ''
      }`;
    case 'network':
      return failure.code;
    default:
      return failure.kind;
  }
}
