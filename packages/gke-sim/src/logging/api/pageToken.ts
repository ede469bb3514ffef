import { createHash } from 'node:crypto';
import { InvalidArgumentError } from './InvalidArgumentError';

/** What identifies a query across its pages; the page size may change between pages. */
export type QueryIdentity = {
  resourceNames: string[];
  filter: string;
  order: 'asc' | 'desc';
};

type TokenContent = { q: string; k: string };

/**
 * An opaque page token: the query's digest and the sort key of the last
 * entry returned. Resuming after a key, not at an offset, keeps pages
 * stable while new entries arrive.
 */
export function writePageToken(query: QueryIdentity, lastKey: string): string {
  const content: TokenContent = { q: queryDigest(query), k: lastKey };
  return Buffer.from(JSON.stringify(content)).toString('base64url');
}

/** The sort key a token resumes after; INVALID_ARGUMENT for a token of another query or garbage. */
export function readPageToken(query: QueryIdentity, token: string): string {
  let content: Partial<TokenContent>;
  try {
    content = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidArgumentError(`Invalid page token "${token}"`);
  }
  if (typeof content?.k !== 'string' || typeof content.q !== 'string') {
    throw new InvalidArgumentError(`Invalid page token "${token}"`);
  }
  if (content.q !== queryDigest(query)) {
    throw new InvalidArgumentError(
      'The page token belongs to a different query: resourceNames, filter and orderBy must stay the same across pages',
    );
  }
  return content.k;
}

function queryDigest(query: QueryIdentity): string {
  const canonical = JSON.stringify([
    [...query.resourceNames].sort(),
    query.filter,
    query.order,
  ]);
  return createHash('sha256').update(canonical).digest('hex').slice(0, 16);
}
