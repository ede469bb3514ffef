import { ServerResponse } from 'node:http';
import { KubeError } from '../KubeError';
import { ResourceType } from '../resources';
import { ObjectStore, StoreEvent } from '../store';
import { listFilterOf, matchesFilter } from './listing';

/**
 * Serves `?watch=true`: one JSON object per line, `{type, object}`, from the
 * requested resourceVersion (or synthetic ADDED events for what exists),
 * until the client goes away, `timeoutSeconds` pass, or the returned stop
 * function is called.
 */
export function streamWatch(options: {
  response: ServerResponse;
  store: ObjectStore;
  resource: ResourceType;
  namespace: string | undefined;
  query: URLSearchParams;
}): () => void {
  const { response, store, resource, namespace, query } = options;
  const filter = listFilterOf(resource, namespace, query);
  const from = query.get('resourceVersion');
  let replay: StoreEvent[] | undefined;
  if (from && from !== '0') {
    replay = store.eventsSince(Number(from));
    if (!replay) {
      response.writeHead(200, { 'Content-Type': 'application/json' });
      const gone = new KubeError(
        410,
        'Expired',
        `too old resource version: ${from}`,
      );
      response.end(
        `${JSON.stringify({ type: 'ERROR', object: gone.toStatus() })}\n`,
      );
      return () => {};
    }
  }

  response.writeHead(200, {
    'Content-Type': 'application/json',
    'Cache-Control': 'no-cache',
  });
  // Clients wait for the headers before they report the watch as started.
  response.flushHeaders();
  const send = (type: string, object: unknown) =>
    response.write(`${JSON.stringify({ type, object })}\n`);
  const relevant = (event: StoreEvent) =>
    event.resource === resource &&
    matchesFilter(filter, resource, event.object);

  if (replay) {
    for (const event of replay.filter(relevant)) {
      send(event.type, event.object);
    }
  } else {
    for (const object of store.list(resource, namespace)) {
      if (matchesFilter(filter, resource, object)) {
        send('ADDED', object);
      }
    }
  }
  const unsubscribe = store.subscribe(event => {
    if (relevant(event)) {
      send(event.type, event.object);
    }
  });

  let timer: NodeJS.Timeout | undefined;
  const stop = () => {
    unsubscribe();
    clearTimeout(timer);
    if (!response.writableEnded) {
      response.end();
    }
  };
  const timeoutSeconds = Number(query.get('timeoutSeconds') ?? 0);
  if (timeoutSeconds > 0) {
    timer = setTimeout(stop, timeoutSeconds * 1000);
    timer.unref();
  }
  response.on('close', stop);
  return stop;
}
