import { AbortError, ApiException, FetchError } from '@kubernetes/client-node';
import { describeFailure, isTransient } from './requestFailure';

function apiException(code: number, body: unknown, headers = {}) {
  return new ApiException(code, 'Unknown API Status Code!', body, headers);
}

describe('describeFailure', () => {
  it("reads the status, reason and message of the cluster's Status body", () => {
    const body = JSON.stringify({
      kind: 'Status',
      status: 'Failure',
      reason: 'Forbidden',
      message: 'namespaces is forbidden',
      code: 403,
    });
    expect(describeFailure(apiException(403, body))).toEqual({
      kind: 'status',
      status: 403,
      reason: 'Forbidden',
      message: 'namespaces is forbidden',
    });
  });

  it('reads a 401 without a body', () => {
    expect(describeFailure(apiException(401, undefined))).toEqual({
      kind: 'status',
      status: 401,
    });
  });

  it('keeps a body that is not a Status as the message', () => {
    expect(describeFailure(apiException(502, 'Bad gateway\n'))).toEqual({
      kind: 'status',
      status: 502,
      message: 'Bad gateway',
    });
  });

  it('reads Retry-After in seconds', () => {
    expect(
      describeFailure(apiException(429, '{}', { 'retry-after': '2' })),
    ).toMatchObject({ retryAfterMs: 2000 });
  });

  it('reads an aborted request as a timeout', () => {
    expect(
      describeFailure(new AbortError('The user aborted a request.')),
    ).toEqual({
      kind: 'timeout',
    });
  });

  it('reads a failed connection as a network failure with its code', () => {
    const error = new FetchError(
      'request to http://127.0.0.1:1/api failed, reason: connect ECONNREFUSED',
      'system',
      Object.assign(new Error('connect ECONNREFUSED'), {
        code: 'ECONNREFUSED',
      }),
    );
    expect(describeFailure(error)).toEqual({
      kind: 'network',
      code: 'ECONNREFUSED',
    });
  });
});

describe('isTransient', () => {
  it.each([
    [{ kind: 'status', status: 429 }, true],
    [{ kind: 'status', status: 500 }, true],
    [{ kind: 'status', status: 503 }, true],
    [{ kind: 'status', status: 403 }, false],
    [{ kind: 'status', status: 404 }, false],
    [{ kind: 'network', code: 'ECONNRESET' }, true],
    [{ kind: 'network', code: 'ECONNREFUSED' }, false],
    [{ kind: 'network', code: 'ENOTFOUND' }, false],
    [{ kind: 'timeout' }, false],
    [{ kind: 'unknown', message: '?' }, false],
  ] as const)('says %j is transient: %s', (failure, transient) => {
    expect(isTransient(failure)).toBe(transient);
  });
});
