import { isDeepStrictEqual } from 'node:util';
import type { KubernetesObject } from '@kubernetes/client-node';

type ApplyAction = 'created' | 'configured' | 'unchanged';

/**
 * What a server-side apply did, from the object before (null when there was
 * none) and the object the server answered. A real apply that changed
 * nothing keeps the resourceVersion; otherwise, and on a dry run (which
 * never changes it), the answer is compared with the live object in what
 * this plugin writes.
 */
export function applyAction(
  live: KubernetesObject | null,
  applied: KubernetesObject,
  options: { dryRun: boolean },
): ApplyAction {
  if (!live) {
    return 'created';
  }
  if (
    !options.dryRun &&
    live.metadata?.resourceVersion === applied.metadata?.resourceVersion
  ) {
    return 'unchanged';
  }
  // A new resourceVersion alone proves nothing: controllers write status
  // (a DaemonSet's during a rollout) between the read and the apply.
  return isDeepStrictEqual(comparable(live), comparable(applied))
    ? 'unchanged'
    : 'configured';
}

function comparable(object: KubernetesObject) {
  const { labels, annotations } = object.metadata ?? {};
  const { data, binaryData, spec } = object as KubernetesObject & {
    data?: unknown;
    binaryData?: unknown;
    spec?: unknown;
  };
  // The client deserialises into model classes with Dates and undefined
  // fields; their JSON form is what the server compared.
  return JSON.parse(
    JSON.stringify({
      labels: labels ?? {},
      annotations: annotations ?? {},
      data: data ?? {},
      binaryData: binaryData ?? {},
      spec: spec ?? null,
    }),
  );
}
