import { KubernetesObject } from '@kubernetes/client-node';
import { parseAllDocuments } from 'yaml';
import { DEFAULT_IMAGES } from './images';
import { manifestToYaml } from './manifestToYaml';
import { renderManifest } from './renderManifest';

const manifest = () =>
  renderManifest({
    entityRef: 'resource:default/prod-eu',
    clusterName: 'prod-eu',
    clusterLocation: 'europe-west1',
    images: DEFAULT_IMAGES,
    filters: {
      preset: 'exec-and-login',
      excludeExecutables: ['/usr/bin/ls'],
      throttle: { rate: 100, window: 5, interval: '1s' },
    },
  });

const parse = (text: string) =>
  parseAllDocuments(text).map(document => {
    expect(document.errors).toEqual([]);
    return document.toJS();
  });

describe('manifestToYaml', () => {
  it('round-trips every object through the yaml parser unchanged', () => {
    const { namespace, configMap, daemonSet } = manifest();
    expect(parse(manifestToYaml([namespace, configMap, daemonSet]))).toEqual([
      namespace,
      configMap,
      daemonSet,
    ]);
  });

  it('keeps the agent configuration text byte for byte, backslashes and quotes included', () => {
    const { configMap } = manifest();
    const [parsed] = parse(manifestToYaml([configMap]));
    expect(parsed.data['fluent-bit.conf']).toBe(
      configMap.data?.['fluent-bit.conf'],
    );
    expect(parsed.data['fluent-bit.conf']).toContain('exe="/usr/bin/ls"');
    expect(parsed.data['fluent-bit.conf']).toContain('syscall=59\\s');
  });

  it('separates the documents with ---', () => {
    const { namespace, configMap, daemonSet } = manifest();
    const text = manifestToYaml([namespace, configMap, daemonSet]);
    expect(text.match(/^---$/gm)).toHaveLength(2);
    expect(text.startsWith('apiVersion: v1\nkind: Namespace\n')).toBe(true);
  });

  it('puts the namespace first and ConfigMaps before the DaemonSet, whatever the order given', () => {
    const { namespace, configMap, daemonSet } = manifest();
    const kinds = parse(manifestToYaml([daemonSet, configMap, namespace])).map(
      (o: KubernetesObject) => o.kind,
    );
    expect(kinds).toEqual(['Namespace', 'ConfigMap', 'DaemonSet']);
  });

  it('is empty for no objects', () => {
    expect(manifestToYaml([])).toBe('');
  });
});
