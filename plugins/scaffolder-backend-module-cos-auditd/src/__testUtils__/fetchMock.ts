import { STATUS_CODES } from 'node:http';

/** One answer of the mocked cos-auditd backend. */
export type MockAnswer = { status: number; body: unknown };

/** A Backstage error body, as the cos-auditd backend writes it. */
export function errorBody(statusCode: number, name: string, message: string) {
  return { error: { name, message }, response: { statusCode } };
}

/**
 * Replaces global fetch with answers given in order, and records every
 * request (method, URL, headers, parsed body).
 */
export function mockFetch(...answers: Array<MockAnswer | Error>) {
  const requests: Array<{
    method: string;
    url: string;
    headers: Record<string, string>;
    body: unknown;
  }> = [];
  const spy = jest
    .spyOn(global, 'fetch')
    .mockImplementation(async (input, init) => {
      requests.push({
        method: init?.method ?? 'GET',
        url: String(input),
        headers: { ...(init?.headers as Record<string, string>) },
        body: init?.body ? JSON.parse(String(init.body)) : undefined,
      });
      const answer = answers.shift();
      if (!answer) {
        throw new Error(`unexpected request ${init?.method} ${input}`);
      }
      if (answer instanceof Error) {
        throw answer;
      }
      return new Response(
        typeof answer.body === 'string'
          ? answer.body
          : JSON.stringify(answer.body),
        {
          status: answer.status,
          statusText: STATUS_CODES[answer.status],
          headers: {
            'Content-Type':
              typeof answer.body === 'string'
                ? 'text/html'
                : 'application/json',
          },
        },
      );
    });
  return { spy, requests };
}
