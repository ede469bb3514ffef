import { KubeObject } from '../objects';
import { CONFIGMAPS, DAEMONSETS, NAMESPACES, ResourceType } from '../resources';
import { validateObject } from './validateObject';

function daemonSet(spec: object): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'ds' },
    spec,
  };
}

const template = {
  metadata: { labels: { app: 'a' } },
  spec: { containers: [{ name: 'c', image: 'i' }] },
};

describe('validateObject', () => {
  it.each<[string, ResourceType, KubeObject, string | undefined]>([
    [
      'a valid DaemonSet',
      DAEMONSETS,
      daemonSet({ selector: { matchLabels: { app: 'a' } }, template }),
      undefined,
    ],
    [
      'a missing name',
      CONFIGMAPS,
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: {} },
      'metadata.name',
    ],
    [
      'a name that is not DNS-1123',
      CONFIGMAPS,
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'Bad_Name' } },
      'metadata.name',
    ],
    [
      'a namespace name with a dot',
      NAMESPACES,
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'a.b' } },
      'metadata.name',
    ],
    [
      'a ConfigMap value that is not a string',
      CONFIGMAPS,
      {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'cm' },
        data: { k: 1 },
      },
      'data[k]',
    ],
    [
      'a DaemonSet without selector',
      DAEMONSETS,
      daemonSet({ template }),
      'spec.selector',
    ],
    [
      'a selector that does not match the template',
      DAEMONSETS,
      daemonSet({ selector: { matchLabels: { app: 'b' } }, template }),
      'spec.template.metadata.labels',
    ],
    [
      'a DaemonSet without containers',
      DAEMONSETS,
      daemonSet({
        selector: { matchLabels: { app: 'a' } },
        template: { ...template, spec: {} },
      }),
      'spec.template.spec.containers',
    ],
  ])('checks %s', (_case, resource, object, field) => {
    const causes = validateObject(resource, object);

    expect(causes.map(c => c.field)).toEqual(field ? [field] : []);
  });
});
