import {
  AuthenticationError,
  ConflictError,
  InputError,
  NotAllowedError,
} from '@backstage/errors';
import { clusterError } from './clusterError';
import { ClusterTimeoutError, ClusterUnreachableError } from './errors';
import { RequestFailure } from './requestFailure';

const context = {
  entityRef: 'resource:default/demo-gke-prod',
  auth: 'serviceAccount' as const,
  timeoutMs: 5000,
};

function status(code: number, message?: string): RequestFailure {
  return { kind: 'status', status: code, ...(message ? { message } : {}) };
}

describe('clusterError', () => {
  it.each([
    [status(401), NotAllowedError],
    [status(403, 'forbidden'), NotAllowedError],
    [status(409, 'conflict'), ConflictError],
    [status(422, 'invalid'), InputError],
    [status(500, 'boom'), ClusterUnreachableError],
    [status(503), ClusterUnreachableError],
    [status(429), ClusterUnreachableError],
    [status(404), ClusterUnreachableError],
    [{ kind: 'timeout' } as const, ClusterTimeoutError],
    [
      { kind: 'network', code: 'ECONNREFUSED' } as const,
      ClusterUnreachableError,
    ],
    [{ kind: 'unknown', message: 'odd' } as const, ClusterUnreachableError],
  ])('turns %j into %p', (failure, type) => {
    expect(clusterError(failure, context)).toBeInstanceOf(type);
  });

  it('gives the unreachable and timeout errors the HTTP status Backstage answers with', () => {
    expect(clusterError(status(500), context)).toMatchObject({
      statusCode: 502,
    });
    expect(clusterError({ kind: 'timeout' }, context)).toMatchObject({
      statusCode: 504,
    });
  });

  it('says which cluster refused, what it said and what is wrong', () => {
    const error = clusterError(
      status(
        403,
        'daemonsets.apps "cos-auditd-logging" is forbidden: User "ci" cannot patch resource "daemonsets"',
      ),
      context,
    );
    expect(error.message).toBe(
      'The cluster API server of resource:default/demo-gke-prod refused the request (403 Forbidden): daemonsets.apps "cos-auditd-logging" is forbidden: User "ci" cannot patch resource "daemonsets". The credentials configured for this cluster lack the permission.',
    );
  });

  it("blames a signed-in user's Google identity, not the portal's config, for its own token", () => {
    const forbidden = clusterError(status(403, 'no'), {
      ...context,
      auth: 'google',
    });
    const unauthorized = clusterError(status(401), {
      ...context,
      auth: 'google',
    });

    expect(forbidden).toBeInstanceOf(NotAllowedError);
    expect(forbidden.message).toContain(
      'Your Google account lacks the permission in this cluster (GKE RBAC).',
    );
    expect(unauthorized).toBeInstanceOf(AuthenticationError);
    expect(unauthorized.message).toContain('sign in with Google again');
  });

  it('passes on the message of a conflict and of an invalid object', () => {
    expect(
      clusterError(status(409, 'the object has been modified'), context)
        .message,
    ).toBe(
      'The cluster API server of resource:default/demo-gke-prod reported a conflict (409 Conflict): the object has been modified',
    );
    expect(
      clusterError(status(422, 'data[bad key]: Invalid value'), context)
        .message,
    ).toBe(
      'The cluster API server of resource:default/demo-gke-prod rejected the object (422 Unprocessable Entity): data[bad key]: Invalid value',
    );
  });

  it.each([
    ['ENOTFOUND', 'the host name does not resolve (ENOTFOUND)'],
    ['ECONNRESET', 'the connection was reset (ECONNRESET)'],
    [
      'DEPTH_ZERO_SELF_SIGNED_CERT',
      'its TLS certificate could not be verified (DEPTH_ZERO_SELF_SIGNED_CERT)',
    ],
    [
      'ERR_TLS_CERT_ALTNAME_INVALID',
      'its TLS certificate could not be verified (ERR_TLS_CERT_ALTNAME_INVALID)',
    ],
    ['EWHATEVER', 'the connection failed (EWHATEVER)'],
  ])('explains the network error %s', (code, words) => {
    expect(clusterError({ kind: 'network', code }, context).message).toBe(
      `The cluster API server of resource:default/demo-gke-prod could not be reached: ${words}.`,
    );
  });
});
