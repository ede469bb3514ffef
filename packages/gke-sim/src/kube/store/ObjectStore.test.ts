import { Clock } from '../../clock';
import { KubeObject } from '../objects';
import { CONFIGMAPS, DAEMONSETS } from '../resources';
import { ObjectStore } from './ObjectStore';

function configMap(
  name: string,
  data: Record<string, string> = {},
  namespace = 'ns',
): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name, namespace },
    data,
  };
}

function daemonSet(image: string): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'ds', namespace: 'ns' },
    spec: { template: { spec: { containers: [{ name: 'c', image }] } } },
  };
}

describe('ObjectStore', () => {
  const createStore = () => ObjectStore.create({ clock: new Clock() });

  it('fills in uid, creationTimestamp and resourceVersion on create', () => {
    const created = createStore().create(CONFIGMAPS, configMap('a'));

    expect(created.metadata).toMatchObject({
      uid: expect.stringMatching(/^[0-9a-f-]{36}$/),
      creationTimestamp: expect.stringMatching(
        /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/,
      ),
      resourceVersion: expect.stringMatching(/^\d+$/),
    });
  });

  it('moves one resourceVersion counter on every write, across resources', () => {
    const store = createStore();
    const first = Number(
      store.create(CONFIGMAPS, configMap('a')).metadata.resourceVersion,
    );
    const second = Number(
      store.create(DAEMONSETS, daemonSet('x')).metadata.resourceVersion,
    );

    expect(second).toBe(first + 1);
    expect(store.resourceVersion).toBe(String(second));
  });

  it('refuses a second object of the same name with AlreadyExists', () => {
    const store = createStore();
    store.create(CONFIGMAPS, configMap('a'));

    expect(() => store.create(CONFIGMAPS, configMap('a'))).toThrow(
      expect.objectContaining({ code: 409, reason: 'AlreadyExists' }),
    );
  });

  it('keeps the resourceVersion when a replace changes nothing', () => {
    const store = createStore();
    const created = store.create(CONFIGMAPS, configMap('a', { k: 'v' }));

    const replaced = store.replace(CONFIGMAPS, configMap('a', { k: 'v' }));

    expect(replaced.metadata.resourceVersion).toBe(
      created.metadata.resourceVersion,
    );
  });

  it('refuses a replace based on an old resourceVersion with Conflict', () => {
    const store = createStore();
    const created = store.create(CONFIGMAPS, configMap('a', { k: 'v' }));
    store.replace(CONFIGMAPS, configMap('a', { k: 'v2' }));

    const stale = {
      ...configMap('a', { k: 'v3' }),
      metadata: { ...created.metadata },
    };
    expect(() => store.replace(CONFIGMAPS, stale)).toThrow(
      expect.objectContaining({ code: 409, reason: 'Conflict' }),
    );
  });

  it('increments a DaemonSet generation on spec changes only', () => {
    const store = createStore();
    store.create(DAEMONSETS, daemonSet('one'));

    const statusOnly = store.replace(DAEMONSETS, {
      ...store.get(DAEMONSETS, 'ns', 'ds')!,
      status: { numberReady: 1 },
    });
    const specChange = store.replace(DAEMONSETS, {
      ...statusOnly,
      ...daemonSet('two'),
      metadata: statusOnly.metadata,
    });

    expect(statusOnly.metadata.generation).toBe(1);
    expect(specChange.metadata.generation).toBe(2);
  });

  it('lists in namespace/name order, all namespaces or one', () => {
    const store = createStore();
    for (const [namespace, name] of [
      ['b', 'x'],
      ['a', 'y'],
      ['a', 'b'],
      ['ab', 'a'],
    ]) {
      store.create(CONFIGMAPS, configMap(name, {}, namespace));
    }

    const names = (namespace?: string) =>
      store
        .list(CONFIGMAPS, namespace)
        .map(o => `${o.metadata.namespace}/${o.metadata.name}`);
    expect(names()).toEqual(['a/b', 'a/y', 'ab/a', 'b/x']);
    expect(names('a')).toEqual(['a/b', 'a/y']);
  });

  it('tells listeners about every write and keeps recent events for watches', () => {
    const store = createStore();
    const seen: string[] = [];
    store.subscribe(event =>
      seen.push(`${event.type} ${event.object.metadata.name}`),
    );
    const start = Number(store.resourceVersion);

    store.create(CONFIGMAPS, configMap('a'));
    store.replace(CONFIGMAPS, configMap('a', { k: 'v' }));
    store.remove(CONFIGMAPS, 'ns', 'a');

    expect(seen).toEqual(['ADDED a', 'MODIFIED a', 'DELETED a']);
    expect(store.eventsSince(start)?.map(e => e.type)).toEqual([
      'ADDED',
      'MODIFIED',
      'DELETED',
    ]);
  });
});
