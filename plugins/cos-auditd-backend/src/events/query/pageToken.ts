import { InputError } from '@backstage/errors';

/** What a caller's pageToken carries between requests. */
export type EventsPageToken = {
  fingerprint: string;
  since: string;
  until: string;
  loggingPageToken: string;
};

/** Opaque to callers: base64url JSON, checked field by field when it comes back. */
export function encodePageToken(token: EventsPageToken): string {
  return Buffer.from(
    JSON.stringify({
      v: 1,
      f: token.fingerprint,
      s: token.since,
      u: token.until,
      p: token.loggingPageToken,
    }),
  ).toString('base64url');
}

export function decodePageToken(text: string): EventsPageToken {
  const invalid = () =>
    new InputError('pageToken is not one this endpoint returned');
  if (text.length > 4096 || !/^[A-Za-z0-9_-]+$/.test(text)) {
    throw invalid();
  }
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  const token = value as Record<string, unknown>;
  const isText = (v: unknown): v is string => typeof v === 'string' && v !== '';
  if (
    typeof value !== 'object' ||
    value === null ||
    token.v !== 1 ||
    !isText(token.f) ||
    !isText(token.s) ||
    !isText(token.u) ||
    !isText(token.p) ||
    Number.isNaN(Date.parse(token.s)) ||
    Number.isNaN(Date.parse(token.u))
  ) {
    throw invalid();
  }
  return {
    fingerprint: token.f,
    since: token.s,
    until: token.u,
    loggingPageToken: token.p,
  };
}
