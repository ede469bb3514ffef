import { randomBytes } from 'node:crypto';
import { parse as parseYaml } from 'yaml';
import {
  applyConfiguration,
  jsonPatch,
  mergePatch,
  recordUpdate,
  strategicMergePatch,
} from '../apply';
import { KubeError, successStatus } from '../KubeError';
import { isJsonObject, KubeObject } from '../objects';
import { apiVersionOf, NAMESPACES, ResourceType } from '../resources';
import { defaultObject, validateObject } from '../validation';
import { ApiUser } from './authorization';
import { KubeApiBackend } from './KubeApiBackend';
import { listObjects } from './listing';
import { ResourceTarget } from './requestTarget';

/** A parsed request on a resource URL. */
export type ResourceRequest = {
  target: ResourceTarget;
  query: URLSearchParams;
  body: string;
  contentType: string;
  user: ApiUser;
  userAgent: string;
};

/** What to answer: an HTTP code and a JSON body. */
export type ApiAnswer = { code: number; body: unknown };

const PATCH_TYPES = [
  'application/json-patch+json',
  'application/merge-patch+json',
  'application/strategic-merge-patch+json',
  'application/apply-patch+yaml',
];

/**
 * The verbs of the Kubernetes API on the simulator's store: GET, LIST,
 * POST, PUT, PATCH (merge, strategic, JSON and server-side apply) and
 * DELETE, each with the validation, defaulting, admission and field
 * ownership the real API server applies.
 */
export class ResourceRequests {
  readonly #backend: KubeApiBackend;

  static create(options: { backend: KubeApiBackend }): ResourceRequests {
    return new ResourceRequests(options.backend);
  }

  private constructor(backend: KubeApiBackend) {
    this.#backend = backend;
  }

  get(request: ResourceRequest): ApiAnswer {
    const { resource, namespace, name } = request.target;
    return { code: 200, body: this.#existing(resource, namespace, name!) };
  }

  list(request: ResourceRequest): ApiAnswer {
    const { resource, namespace } = request.target;
    return {
      code: 200,
      body: listObjects(
        this.#backend.store,
        resource,
        namespace,
        request.query,
      ),
    };
  }

  create(request: ResourceRequest): ApiAnswer {
    const { resource, namespace } = request.target;
    const body = parseObject(request.body, request.contentType);
    checkKind(resource, body);
    const metadata = { ...body.metadata };
    if (!metadata.name && metadata.generateName) {
      metadata.name = `${metadata.generateName}${randomSuffix()}`;
    }
    const object = this.#placed(resource, { ...body, metadata }, namespace);
    this.#checkNamespaceOpen(resource, object);
    const created = this.#prepare(
      resource,
      freshStatus(resource, object),
      'create',
      request,
    );
    const stored = this.#backend.store.create(
      resource,
      recordUpdate({
        resource,
        before: undefined,
        after: created,
        manager: managerOf(request),
        now: this.#now(),
      }),
      { dryRun: isDryRun(request) },
    );
    return { code: 201, body: stored };
  }

  replace(request: ResourceRequest): ApiAnswer {
    const { resource, namespace, name } = request.target;
    const body = parseObject(request.body, request.contentType);
    checkKind(resource, body);
    checkName(body, name!);
    const live = this.#existing(resource, namespace, name!);
    let object = this.#placed(resource, body, namespace);
    if (resource.hasStatus) {
      object = withStatusOf(object, live);
    }
    return this.#update(request, live, object);
  }

  patch(request: ResourceRequest): ApiAnswer {
    const { resource, namespace, name } = request.target;
    const type = request.contentType.split(';')[0].trim().toLowerCase();
    if (!PATCH_TYPES.includes(type)) {
      throw new KubeError(
        415,
        'UnsupportedMediaType',
        `the body of the request was in an unknown format - accepted media types include: ${PATCH_TYPES.join(
          ', ',
        )}`,
      );
    }
    if (type === 'application/apply-patch+yaml') {
      return this.#apply(request);
    }
    const live = this.#existing(resource, namespace, name!);
    const patch = parseJson(request.body);
    let patched: unknown;
    if (type === 'application/json-patch+json') {
      patched = jsonPatch(live, patch);
    } else if (type === 'application/merge-patch+json') {
      patched = mergePatch(live, patch);
    } else {
      patched = strategicMergePatch(live, patch);
    }
    if (!isJsonObject(patched) || !isJsonObject(patched.metadata)) {
      throw KubeError.badRequest('the patch does not leave an object');
    }
    let object = patched as KubeObject;
    checkName(object, name!);
    if (resource.hasStatus) {
      object = withStatusOf(object, live);
    }
    return this.#update(
      request,
      live,
      this.#placed(resource, object, namespace),
    );
  }

  delete(request: ResourceRequest): ApiAnswer {
    const { resource, namespace, name } = request.target;
    const live = this.#existing(resource, namespace, name!);
    const store = this.#backend.store;
    if (resource === NAMESPACES) {
      if (live.metadata.deletionTimestamp) {
        return { code: 200, body: live };
      }
      // The namespace lifecycle controller empties and then removes it.
      const terminating: KubeObject = {
        ...live,
        metadata: { ...live.metadata, deletionTimestamp: this.#now() },
        status: { ...(live.status as object), phase: 'Terminating' },
      };
      return {
        code: 200,
        body: store.replace(resource, terminating, {
          dryRun: isDryRun(request),
        }),
      };
    }
    if (!isDryRun(request)) {
      store.remove(resource, namespace, name!);
    }
    return {
      code: 200,
      body: successStatus(resource, name!, live.metadata.uid),
    };
  }

  #apply(request: ResourceRequest): ApiAnswer {
    const { resource, namespace, name } = request.target;
    const manager = request.query.get('fieldManager');
    if (!manager) {
      throw KubeError.badRequest(
        'PATCH, application/apply-patch+yaml: fieldManager is required for apply requests',
      );
    }
    const applied = parseObject(request.body, 'application/yaml');
    if (!applied.apiVersion || !applied.kind) {
      throw KubeError.badRequest(
        'invalid object: apiVersion and kind must be set in an applied configuration',
      );
    }
    checkKind(resource, applied);
    checkName(applied, name!);
    const placed = this.#placed(resource, applied, namespace);
    const live = this.#backend.store.get(resource, namespace, name!);
    if (!live) {
      this.#checkNamespaceOpen(resource, placed);
    }
    const merged = applyConfiguration({
      resource,
      live,
      applied: placed,
      manager,
      force: ['true', '1'].includes(request.query.get('force') ?? ''),
      now: this.#now(),
    });
    const store = this.#backend.store;
    const dryRun = isDryRun(request);
    if (!live) {
      const object = this.#prepare(
        resource,
        freshStatus(resource, merged),
        'create',
        request,
      );
      return { code: 201, body: store.create(resource, object, { dryRun }) };
    }
    const object = this.#prepare(resource, merged, 'update', request);
    return { code: 200, body: store.replace(resource, object, { dryRun }) };
  }

  #update(
    request: ResourceRequest,
    live: KubeObject,
    object: KubeObject,
  ): ApiAnswer {
    const { resource } = request.target;
    const prepared = this.#prepare(resource, object, 'update', request);
    const tracked = recordUpdate({
      resource,
      before: live,
      after: prepared,
      manager: managerOf(request),
      now: this.#now(),
    });
    return {
      code: 200,
      body: this.#backend.store.replace(resource, tracked, {
        dryRun: isDryRun(request),
      }),
    };
  }

  /** Defaulting, validation and admission, in the API server's order. */
  #prepare(
    resource: ResourceType,
    object: KubeObject,
    operation: 'create' | 'update',
    request: ResourceRequest,
  ): KubeObject {
    const defaulted = defaultObject(resource, object);
    const causes = validateObject(resource, defaulted);
    if (causes.length > 0) {
      throw KubeError.invalid(resource, defaulted.metadata.name ?? '', causes);
    }
    this.#backend.admit({
      operation,
      resource,
      object: defaulted,
      user: request.user.name,
    });
    return defaulted;
  }

  /** The object with the URL's namespace (and none for cluster-scoped kinds). */
  #placed(
    resource: ResourceType,
    object: KubeObject,
    namespace: string | undefined,
  ): KubeObject {
    const metadata = { ...object.metadata };
    if (resource.namespaced) {
      if (metadata.namespace && namespace && metadata.namespace !== namespace) {
        throw KubeError.badRequest(
          'the namespace of the provided object does not match the namespace sent on the request',
        );
      }
      metadata.namespace = namespace ?? metadata.namespace;
      if (!metadata.namespace) {
        throw KubeError.badRequest('a namespaced object needs a namespace');
      }
    } else {
      delete metadata.namespace;
    }
    delete metadata.managedFields;
    return { ...object, metadata };
  }

  #checkNamespaceOpen(resource: ResourceType, object: KubeObject) {
    if (!resource.namespaced) {
      return;
    }
    const name = object.metadata.namespace!;
    const namespace = this.#backend.store.get(NAMESPACES, undefined, name);
    if (!namespace) {
      throw KubeError.notFound(NAMESPACES, name);
    }
    if (namespace.metadata.deletionTimestamp) {
      throw new KubeError(
        403,
        'Forbidden',
        `${resource.plural} "${object.metadata.name}" is forbidden: unable to create new content in namespace ${name} because it is being terminated`,
        {
          name: object.metadata.name,
          group: resource.group,
          kind: resource.plural,
        },
      );
    }
  }

  #existing(
    resource: ResourceType,
    namespace: string | undefined,
    name: string,
  ): KubeObject {
    const object = this.#backend.store.get(resource, namespace, name);
    if (!object) {
      throw KubeError.notFound(resource, name);
    }
    return object;
  }

  #now(): string {
    return `${this.#backend.clock.now().toISOString().slice(0, 19)}Z`;
  }
}

function parseJson(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch (error) {
    throw KubeError.badRequest(
      `the body of the request is not valid JSON: ${(error as Error).message}`,
    );
  }
}

function parseObject(body: string, contentType: string): KubeObject {
  let value: unknown;
  if (/yaml/i.test(contentType)) {
    try {
      value = parseYaml(body);
    } catch (error) {
      throw KubeError.badRequest(
        `error decoding YAML: ${(error as Error).message}`,
      );
    }
  } else {
    value = parseJson(body);
  }
  if (!isJsonObject(value)) {
    throw KubeError.badRequest('the body of the request must be an object');
  }
  const metadata = isJsonObject(value.metadata) ? value.metadata : {};
  return { ...value, metadata } as KubeObject;
}

function checkKind(resource: ResourceType, object: KubeObject) {
  const apiVersion = apiVersionOf(resource);
  if (
    (object.kind && object.kind !== resource.kind) ||
    (object.apiVersion && object.apiVersion !== apiVersion)
  ) {
    throw KubeError.badRequest(
      `the API version in the data (${object.apiVersion}) does not match the expected API version (${apiVersion}) or the kind (${object.kind}) is not ${resource.kind}`,
    );
  }
  object.apiVersion = apiVersion;
  object.kind = resource.kind;
}

function checkName(object: KubeObject, name: string) {
  if (object.metadata.name && object.metadata.name !== name) {
    throw KubeError.badRequest(
      `the name of the object (${object.metadata.name}) does not match the name on the URL (${name})`,
    );
  }
  object.metadata.name = name;
}

/** New objects start without status; namespaces start Active. */
function freshStatus(resource: ResourceType, object: KubeObject): KubeObject {
  if (!resource.hasStatus) {
    return object;
  }
  const { status: _ignored, ...rest } = object;
  return resource === NAMESPACES
    ? ({ ...rest, status: { phase: 'Active' } } as KubeObject)
    : (rest as KubeObject);
}

function withStatusOf(object: KubeObject, live: KubeObject): KubeObject {
  const { status: _ignored, ...rest } = object;
  return (
    live.status === undefined ? rest : { ...rest, status: live.status }
  ) as KubeObject;
}

function isDryRun(request: ResourceRequest): boolean {
  return request.query.getAll('dryRun').includes('All');
}

/** The field manager of an update: the parameter, else the client's name from its user agent. */
function managerOf(request: ResourceRequest): string {
  return (
    request.query.get('fieldManager') ||
    request.userAgent.split('/')[0] ||
    'unknown'
  );
}

function randomSuffix(): string {
  const alphabet = 'bcdfghjklmnpqrstvwxz2456789';
  const bytes = randomBytes(5);
  return [...bytes].map(b => alphabet[b % alphabet.length]).join('');
}
