import { InputError } from '@backstage/errors';
import { parseEventsQuery } from './EventsQuery';
import { encodePageToken } from './pageToken';

const now = new Date('2026-12-01T12:00:00Z');

describe('parseEventsQuery', () => {
  it('fills in execve, the last hour and 50 events', () => {
    const query = parseEventsQuery({}, now);
    expect(query).toMatchObject({
      type: 'execve',
      pageSize: 50,
      since: new Date('2026-12-01T11:00:00Z'),
      until: now,
    });
    expect(query.loggingPageToken).toBeUndefined();
  });

  it('keeps valid values', () => {
    const query = parseEventsQuery(
      {
        type: 'login',
        since: '2026-11-30T00:00:00Z',
        until: '2026-12-01T00:00:00.5+01:00',
        node: 'gke-demo-gke-prod-cos-pool-1a2b3c4d-x1y2',
        user: 'alice',
        q: 'sshd "quoted" \\ back',
        pageSize: 500,
      },
      now,
    );
    expect(query).toMatchObject({
      type: 'login',
      node: 'gke-demo-gke-prod-cos-pool-1a2b3c4d-x1y2',
      user: 'alice',
      q: 'sshd "quoted" \\ back',
      pageSize: 500,
      until: new Date('2026-11-30T23:00:00.500Z'),
    });
  });

  it.each([
    { name: 'an unknown type', raw: { type: 'socket' }, message: /type/ },
    { name: 'pageSize 0', raw: { pageSize: '0' }, message: /pageSize/ },
    { name: 'pageSize 501', raw: { pageSize: 501 }, message: /pageSize/ },
    { name: 'pageSize 2.5', raw: { pageSize: '2.5' }, message: /pageSize/ },
    {
      name: 'a date without time',
      raw: { since: '2026-12-01' },
      message: /since/,
    },
    {
      name: 'a time without zone',
      raw: { until: '2026-12-01T10:00:00' },
      message: /until/,
    },
    {
      name: 'an impossible date',
      raw: { since: '2026-13-45T10:00:00Z' },
      message: /since/,
    },
    {
      name: 'since after until',
      raw: { since: '2026-12-01T10:00:00Z', until: '2026-12-01T09:00:00Z' },
      message: /before/,
    },
    {
      name: 'more than 31 days',
      raw: { since: '2026-10-01T00:00:00Z', until: '2026-12-01T00:00:00Z' },
      message: /31 days/,
    },
    {
      name: 'a node with a quote',
      raw: { node: 'node" OR true' },
      message: /node/,
    },
    { name: 'a node with a newline', raw: { node: 'a\nb' }, message: /node/ },
    { name: 'an upper-case node', raw: { node: 'Node-A' }, message: /node/ },
    {
      name: 'a user with a space',
      raw: { type: 'login', user: 'a b' },
      message: /user/,
    },
    {
      name: 'a user name for execve',
      raw: { user: 'alice' },
      message: /numeric/,
    },
    { name: 'a search with a newline', raw: { q: 'a\nb' }, message: /q must/ },
    {
      name: 'a search of 201 characters',
      raw: { q: 'x'.repeat(201) },
      message: /q must/,
    },
    {
      name: 'a repeated parameter',
      raw: { node: ['a', 'b'] },
      message: /once/,
    },
    {
      name: 'a page token that is not ours',
      raw: { pageToken: 'abc' },
      message: /pageToken/,
    },
    {
      name: 'a page token with symbols',
      raw: { pageToken: '{"v":1}' },
      message: /pageToken/,
    },
  ])('refuses $name', ({ raw, message }) => {
    expect(() => parseEventsQuery(raw, now)).toThrow(InputError);
    expect(() => parseEventsQuery(raw, now)).toThrow(message);
  });

  it('continues with the window and Logging token of the first page', () => {
    const first = parseEventsQuery({ type: 'login', node: 'node-a' }, now);
    const pageToken = encodePageToken({
      fingerprint: first.fingerprint,
      since: first.since.toISOString(),
      until: first.until.toISOString(),
      loggingPageToken: 'logging-token',
    });
    const later = new Date(now.getTime() + 10 * 60_000);
    const second = parseEventsQuery(
      { type: 'login', node: 'node-a', pageToken },
      later,
    );
    expect(second.since).toEqual(first.since);
    expect(second.until).toEqual(first.until);
    expect(second.loggingPageToken).toBe('logging-token');
  });

  it('refuses a page token of another query', () => {
    const first = parseEventsQuery({ type: 'login', node: 'node-a' }, now);
    const pageToken = encodePageToken({
      fingerprint: first.fingerprint,
      since: first.since.toISOString(),
      until: first.until.toISOString(),
      loggingPageToken: 'logging-token',
    });
    expect(() =>
      parseEventsQuery({ type: 'login', node: 'node-b', pageToken }, now),
    ).toThrow(/different query/);
  });
});
