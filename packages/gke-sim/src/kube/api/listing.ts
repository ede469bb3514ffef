import { KubeError } from '../KubeError';
import { KubeObject } from '../objects';
import { apiVersionOf, ResourceType } from '../resources';
import {
  FieldSelector,
  LabelSelector,
  matchesFields,
  matchesLabels,
  parseFieldSelector,
  parseLabelSelector,
} from '../selectors';
import { objectKey, ObjectStore } from '../store';

/** The selectors of a LIST or WATCH request. */
export type ListFilter = {
  namespace?: string;
  labels: LabelSelector;
  fields: FieldSelector;
};

export function listFilterOf(
  resource: ResourceType,
  namespace: string | undefined,
  query: URLSearchParams,
): ListFilter {
  return {
    namespace,
    labels: parseLabelSelector(query.get('labelSelector') ?? ''),
    fields: parseFieldSelector(query.get('fieldSelector') ?? '', resource),
  };
}

export function matchesFilter(
  filter: ListFilter,
  resource: ResourceType,
  object: KubeObject,
): boolean {
  if (filter.namespace && object.metadata.namespace !== filter.namespace) {
    return false;
  }
  return (
    matchesLabels(filter.labels, object.metadata.labels) &&
    matchesFields(filter.fields, object, resource)
  );
}

type ContinueToken = { rv: string; start: string };

/**
 * A LIST answer: objects in namespace/name order, filtered, and paged by
 * `limit` with an opaque `continue` token that names where the next page
 * starts.
 */
export function listObjects(
  store: ObjectStore,
  resource: ResourceType,
  namespace: string | undefined,
  query: URLSearchParams,
) {
  const filter = listFilterOf(resource, namespace, query);
  const all = store.list(resource, namespace);
  const limit = Number(query.get('limit') ?? 0);
  if (!Number.isInteger(limit) || limit < 0) {
    throw KubeError.badRequest(`invalid limit "${query.get('limit')}"`);
  }
  const token = query.get('continue');
  const start = token ? startAfter(all, decodeContinue(token).start) : 0;
  const filtered = filter.labels.length > 0 || filter.fields.length > 0;
  const items: KubeObject[] = [];
  let index = start;
  for (; index < all.length; index++) {
    if (limit > 0 && items.length === limit) {
      break;
    }
    if (!filtered || matchesFilter(filter, resource, all[index])) {
      items.push(all[index]);
    }
  }
  let more = index < all.length;
  if (more && filtered) {
    more = all.slice(index).some(o => matchesFilter(filter, resource, o));
  }
  const resourceVersion = store.resourceVersion;
  const metadata: Record<string, unknown> = { resourceVersion };
  if (more) {
    const last = items[items.length - 1];
    metadata.continue = encodeContinue({
      rv: resourceVersion,
      start: objectKey(last.metadata.namespace, last.metadata.name!),
    });
    if (!filtered) {
      metadata.remainingItemCount = all.length - index;
    }
  }
  return {
    kind: `${resource.kind}List`,
    apiVersion: apiVersionOf(resource),
    metadata,
    items,
  };
}

function startAfter(sorted: KubeObject[], key: string): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    const middleKey = objectKey(
      sorted[middle].metadata.namespace,
      sorted[middle].metadata.name!,
    );
    if (middleKey <= key) {
      low = middle + 1;
    } else {
      high = middle;
    }
  }
  return low;
}

function encodeContinue(token: ContinueToken): string {
  return Buffer.from(JSON.stringify(token)).toString('base64url');
}

function decodeContinue(text: string): ContinueToken {
  try {
    const token = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (typeof token?.start === 'string' && typeof token?.rv === 'string') {
      return token;
    }
  } catch {
    // falls through to the error below
  }
  throw KubeError.badRequest(
    'continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)',
  );
}
