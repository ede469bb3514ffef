import { InputError } from '@backstage/errors';
import { AuditEventType } from '@cos-auditd/backstage-plugin-cos-auditd-common';
import { createHash } from 'node:crypto';
import { decodePageToken } from './pageToken';

/** Bounds of the events query; the OpenAPI description states the same. */
export const EVENTS_QUERY_LIMITS = {
  defaultPageSize: 50,
  maxPageSize: 500,
  /** Without `since`, the last hour. */
  defaultWindowMs: 60 * 60 * 1000,
  /** Cloud Logging keeps `_Default` bucket logs for 30 days. */
  maxWindowMs: 31 * 24 * 60 * 60 * 1000,
  maxSearchLength: 200,
} as const;

/** A validated events query: every value here is safe to put in a Logging filter. */
export type EventsQuery = {
  type: AuditEventType;
  since: Date;
  until: Date;
  node?: string;
  /** A user name (`acct`) or a numeric uid. */
  user?: string;
  q?: string;
  pageSize: number;
  /** Where Cloud Logging continues, from the caller's pageToken. */
  loggingPageToken?: string;
  /** Identifies the query, so a pageToken is only used with the query that made it. */
  fingerprint: string;
};

// Kubernetes node names are DNS subdomains (RFC 1123).
const NODE_NAME = /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/;
// Login account names as PAM reports them; uids are digits.
const USER = /^[A-Za-z0-9._@-]{1,64}$/;
/** Logging's query language has no way to escape control characters. */
function hasControlCharacters(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) {
      return true;
    }
  }
  return false;
}

/**
 * Checks the raw query string values of `GET …/events` and fills in the
 * defaults. Throws InputError (400) naming the parameter on anything else;
 * nothing reaches Cloud Logging unless it passed here.
 */
export function parseEventsQuery(
  raw: Record<string, unknown>,
  now: Date,
): EventsQuery {
  const text = (key: string): string | undefined => {
    const value = raw[key];
    if (value === undefined || value === '') {
      return undefined;
    }
    // The OpenAPI router has already turned integers into numbers.
    if (typeof value === 'number') {
      return String(value);
    }
    if (typeof value !== 'string') {
      throw new InputError(`${key} must be given once, as text`);
    }
    return value;
  };

  const type = text('type') ?? 'execve';
  if (type !== 'execve' && type !== 'login') {
    throw new InputError(`type must be "execve" or "login", got "${type}"`);
  }

  const pageSizeText = text('pageSize');
  const pageSize =
    pageSizeText === undefined
      ? EVENTS_QUERY_LIMITS.defaultPageSize
      : Number(pageSizeText);
  if (
    !Number.isInteger(pageSize) ||
    pageSize < 1 ||
    pageSize > EVENTS_QUERY_LIMITS.maxPageSize
  ) {
    throw new InputError(
      `pageSize must be a whole number from 1 to ${EVENTS_QUERY_LIMITS.maxPageSize}`,
    );
  }

  const node = text('node');
  if (node !== undefined && !NODE_NAME.test(node)) {
    throw new InputError(`node must be a Kubernetes node name, got "${node}"`);
  }
  const user = text('user');
  if (user !== undefined && !USER.test(user)) {
    throw new InputError(
      'user must be an account name (letters, digits, . _ @ -) or a numeric uid',
    );
  }
  if (user !== undefined && type === 'execve' && !/^\d+$/.test(user)) {
    throw new InputError(
      'execve records carry numeric user ids only: give user as a uid, such as 1000',
    );
  }
  const q = text('q');
  if (
    q !== undefined &&
    (q.length > EVENTS_QUERY_LIMITS.maxSearchLength || hasControlCharacters(q))
  ) {
    throw new InputError(
      `q must be at most ${EVENTS_QUERY_LIMITS.maxSearchLength} characters without control characters`,
    );
  }

  const fingerprint = fingerprintOf({
    type,
    node,
    user,
    q,
    pageSize,
    since: text('since'),
    until: text('until'),
  });

  const pageTokenText = text('pageToken');
  if (pageTokenText !== undefined) {
    // A continued query keeps the window of its first page: "now" has moved
    // on, and Cloud Logging's page token only fits the filter that made it.
    const token = decodePageToken(pageTokenText);
    if (token.fingerprint !== fingerprint) {
      throw new InputError(
        'pageToken belongs to a different query; start again without it',
      );
    }
    return {
      type,
      node,
      user,
      q,
      pageSize,
      since: new Date(token.since),
      until: new Date(token.until),
      loggingPageToken: token.loggingPageToken,
      fingerprint,
    };
  }

  const until = parseTime('until', text('until')) ?? now;
  const since =
    parseTime('since', text('since')) ??
    new Date(until.getTime() - EVENTS_QUERY_LIMITS.defaultWindowMs);
  if (since.getTime() >= until.getTime()) {
    throw new InputError('since must be before until');
  }
  if (until.getTime() - since.getTime() > EVENTS_QUERY_LIMITS.maxWindowMs) {
    throw new InputError('the time range can be at most 31 days');
  }
  return { type, node, user, q, pageSize, since, until, fingerprint };
}

function parseTime(key: string, value: string | undefined): Date | undefined {
  if (value === undefined) {
    return undefined;
  }
  // ISO 8601 with a date and a time and a zone; Date.parse alone accepts too much.
  const iso =
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
  const time = Date.parse(value);
  if (!iso.test(value) || Number.isNaN(time)) {
    throw new InputError(
      `${key} must be an ISO 8601 time such as 2026-12-01T10:00:00Z, got "${value}"`,
    );
  }
  return new Date(time);
}

function fingerprintOf(values: Record<string, string | number | undefined>) {
  return createHash('sha256')
    .update(JSON.stringify(values))
    .digest('base64url')
    .slice(0, 16);
}
