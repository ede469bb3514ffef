import { qualifiedKind, qualifiedName, ResourceType } from './resources';

/** One cause of a failed request, as `Status.details.causes[]` carries it. */
export type StatusCause = { reason: string; message: string; field?: string };

/** The `Status` object every Kubernetes API error answers with. */
export type Status = {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, never>;
  status: 'Failure' | 'Success';
  message?: string;
  reason?: string;
  details?: {
    name?: string;
    group?: string;
    kind?: string;
    uid?: string;
    causes?: StatusCause[];
    retryAfterSeconds?: number;
  };
  code: number;
};

/**
 * A request that fails the way the real API server fails it: an HTTP code,
 * a machine-readable reason and a Status body.
 */
export class KubeError extends Error {
  readonly code: number;
  readonly reason: string;
  readonly details?: Status['details'];

  constructor(
    code: number,
    reason: string,
    message: string,
    details?: Status['details'],
  ) {
    super(message);
    this.code = code;
    this.reason = reason;
    this.details = details;
  }

  toStatus(): Status {
    return {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: this.message,
      reason: this.reason,
      ...(this.details ? { details: this.details } : {}),
      code: this.code,
    };
  }

  static notFound(resource: ResourceType, name: string): KubeError {
    return new KubeError(
      404,
      'NotFound',
      `${qualifiedName(resource)} "${name}" not found`,
      { name, group: resource.group, kind: resource.plural },
    );
  }

  static alreadyExists(resource: ResourceType, name: string): KubeError {
    return new KubeError(
      409,
      'AlreadyExists',
      `${qualifiedName(resource)} "${name}" already exists`,
      { name, group: resource.group, kind: resource.plural },
    );
  }

  static conflict(
    resource: ResourceType,
    name: string,
    why: string,
  ): KubeError {
    return new KubeError(
      409,
      'Conflict',
      `Operation cannot be fulfilled on ${qualifiedName(
        resource,
      )} "${name}": ${why}`,
      { name, group: resource.group, kind: resource.plural },
    );
  }

  static invalid(
    resource: ResourceType,
    name: string,
    causes: StatusCause[],
  ): KubeError {
    const summary = causes
      .map(c => (c.field ? `${c.field}: ${c.message}` : c.message))
      .join(', ');
    return new KubeError(
      422,
      'Invalid',
      `${qualifiedKind(resource)} "${name}" is invalid: ${
        causes.length > 1 ? `[${summary}]` : summary
      }`,
      { name, group: resource.group, kind: resource.kind, causes },
    );
  }

  static badRequest(message: string): KubeError {
    return new KubeError(400, 'BadRequest', message);
  }
}

/** The Status a successful DELETE of an immediately removed object answers with. */
export function successStatus(
  resource: ResourceType,
  name: string,
  uid: string | undefined,
): Status {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Success',
    details: { name, group: resource.group, kind: resource.plural, uid },
    code: 200,
  };
}
