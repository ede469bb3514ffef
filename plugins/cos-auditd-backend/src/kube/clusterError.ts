import { STATUS_CODES } from 'node:http';
import {
  AuthenticationError,
  ConflictError,
  InputError,
  NotAllowedError,
} from '@backstage/errors';
import { ClusterAuth } from './ClusterConnection';
import { ClusterTimeoutError, ClusterUnreachableError } from './errors';
import { RequestFailure } from './requestFailure';

const NETWORK_REASONS: Record<string, string> = {
  ECONNREFUSED: 'the connection was refused',
  ECONNRESET: 'the connection was reset',
  EPIPE: 'the connection was closed while sending',
  ETIMEDOUT: 'the connection timed out',
  EHOSTUNREACH: 'the host is unreachable',
  ENETUNREACH: 'the network is unreachable',
  ENOTFOUND: 'the host name does not resolve',
  EAI_AGAIN: 'the host name could not be resolved now',
};

/**
 * The error to throw for a request that failed, in words for the person
 * who asked: built only from the status, the cluster's Status message and
 * network codes, so no credentials can end up in it.
 */
export function clusterError(
  failure: RequestFailure,
  context: {
    entityRef: string;
    auth: ClusterAuth['provider'];
    timeoutMs: number;
  },
): Error {
  const server = `The cluster API server of ${context.entityRef}`;
  switch (failure.kind) {
    case 'timeout':
      return new ClusterTimeoutError(
        `${server} did not answer within ${context.timeoutMs} ms.`,
      );
    case 'network':
      return new ClusterUnreachableError(
        `${server} could not be reached: ${networkReason(failure.code)} (${
          failure.code
        }).`,
      );
    case 'unknown':
      return new ClusterUnreachableError(
        `The request to the cluster API server of ${context.entityRef} failed: ${failure.message}`,
      );
    default:
      break;
  }

  const { status } = failure;
  const answer = `${status} ${
    STATUS_CODES[status] ?? failure.reason ?? 'Error'
  }`;
  const said = failure.message ? `: ${failure.message}` : '';
  const userToken = context.auth === 'google';
  switch (status) {
    case 401:
      return userToken
        ? new AuthenticationError(
            `${server} refused the request (${answer})${said}. Your Google access token was not accepted: sign in with Google again.`,
          )
        : new NotAllowedError(
            `${server} refused the request (${answer})${said}. The credentials configured for this cluster were not accepted: they are wrong or expired.`,
          );
    case 403:
      return new NotAllowedError(
        `${server} refused the request (${answer})${said}. ${
          userToken
            ? 'Your Google account lacks the permission in this cluster (GKE RBAC).'
            : 'The credentials configured for this cluster lack the permission.'
        }`,
      );
    case 409:
      return new ConflictError(
        `${server} reported a conflict (${answer})${said}`,
      );
    case 422:
      return new InputError(`${server} rejected the object (${answer})${said}`);
    default:
      return new ClusterUnreachableError(`${server} answered ${answer}${said}`);
  }
}

function networkReason(code: string): string {
  if (NETWORK_REASONS[code]) {
    return NETWORK_REASONS[code];
  }
  if (/CERT|SSL|TLS|SIGNATURE|SELF_SIGNED/.test(code)) {
    return 'its TLS certificate could not be verified';
  }
  return 'the connection failed';
}
