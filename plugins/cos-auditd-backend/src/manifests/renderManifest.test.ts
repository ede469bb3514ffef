import { KubernetesObject } from '@kubernetes/client-node';
import { DEFAULT_IMAGES } from './images';
import { MANAGED_BY } from './names';
import { renderAgentConfig } from './renderAgentConfig';
import { ManifestOptions, renderManifest } from './renderManifest';
import { specHash } from './specHash';

const options = (
  overrides: Partial<ManifestOptions> = {},
): ManifestOptions => ({
  entityRef: 'resource:default/prod-eu',
  clusterName: 'prod-eu',
  clusterLocation: 'europe-west1',
  images: DEFAULT_IMAGES,
  filters: { preset: 'balanced' },
  ...overrides,
});

/** The spec hash an object should carry: that of itself without it. */
function expectedSpecHash(object: KubernetesObject): string {
  const annotations = { ...object.metadata?.annotations };
  delete annotations[MANAGED_BY.specHashAnnotation];
  return specHash({ ...object, metadata: { ...object.metadata, annotations } });
}

describe('renderManifest', () => {
  it('renders the cos-auditd namespace, the fluent-bit ConfigMap and the logging DaemonSet', () => {
    const { namespace, configMap, daemonSet } = renderManifest(options());
    expect(
      [namespace, configMap, daemonSet].map(o => [
        o.kind,
        o.metadata?.namespace,
        o.metadata?.name,
      ]),
    ).toEqual([
      ['Namespace', undefined, 'cos-auditd'],
      ['ConfigMap', 'cos-auditd', 'cos-auditd-fluent-bit-config'],
      ['DaemonSet', 'cos-auditd', 'cos-auditd-logging'],
    ]);
  });

  it('puts the agent configuration for the filters under fluent-bit.conf', () => {
    const filters = { excludeRecordTypes: ['PATH'] };
    expect(renderManifest(options({ filters })).configMap.data).toEqual({
      'fluent-bit.conf': renderAgentConfig({ filters }),
    });
  });

  it('selects its pods by name and runs them on COS nodes only, whatever their taints', () => {
    const { spec } = renderManifest(options()).daemonSet;
    expect(spec?.selector.matchLabels).toEqual({ name: 'cos-auditd-logging' });
    expect(spec?.template.metadata?.labels).toEqual({
      name: 'cos-auditd-logging',
    });
    expect(spec?.template.spec?.nodeSelector).toEqual({
      'cloud.google.com/gke-os-distribution': 'cos',
    });
    expect(spec?.template.spec?.tolerations).toEqual([
      { operator: 'Exists', effect: 'NoExecute' },
      { operator: 'Exists', effect: 'NoSchedule' },
    ]);
    expect(spec?.updateStrategy).toEqual({
      type: 'RollingUpdate',
      rollingUpdate: { maxUnavailable: 1 },
    });
  });

  it('shares the host network and PID namespace and resolves DNS like the node', () => {
    const pod = renderManifest(options()).daemonSet.spec?.template.spec;
    expect([pod?.hostNetwork, pod?.hostPID, pod?.dnsPolicy]).toEqual([
      true,
      true,
      'Default',
    ]);
  });

  it('starts cloud-audit-setup on the host from a privileged init container', () => {
    const [setup] =
      renderManifest(options()).daemonSet.spec?.template.spec?.initContainers ??
      [];
    expect(setup).toMatchObject({
      name: 'cos-auditd-setup',
      command: ['chroot', '/host', 'systemctl', 'start', 'cloud-audit-setup'],
      securityContext: { privileged: true },
      volumeMounts: [{ name: 'host', mountPath: '/host' }],
    });
  });

  it('fills the cluster name and location into the agent env and leaves no envsubst placeholder', () => {
    const manifest = renderManifest(
      options({ clusterName: 'c-1', clusterLocation: 'us-central1-a' }),
    );
    const [agent] = manifest.daemonSet.spec?.template.spec?.containers ?? [];
    expect(agent.name).toBe('cos-auditd-fluent-bit');
    expect(agent.env).toEqual([
      {
        name: 'NODE_NAME',
        valueFrom: {
          fieldRef: { apiVersion: 'v1', fieldPath: 'spec.nodeName' },
        },
      },
      { name: 'CLUSTER_NAME', value: 'c-1' },
      { name: 'CLUSTER_LOCATION', value: 'us-central1-a' },
    ]);
    expect(JSON.stringify(manifest.daemonSet)).not.toContain('$');
    expect(JSON.stringify(manifest.configMap)).not.toMatch(/\$CLUSTER_/);
  });

  it('probes the agent on port 2024 and mounts the journal, position files and configuration', () => {
    const pod = renderManifest(options()).daemonSet.spec?.template.spec;
    const [agent] = pod?.containers ?? [];
    expect(agent.livenessProbe?.httpGet).toEqual({ path: '/', port: 2024 });
    expect(agent.resources).toEqual({
      limits: { cpu: '1', memory: '500Mi' },
      requests: { cpu: '100m', memory: '200Mi' },
    });
    const volumes = new Map(pod?.volumes?.map(v => [v.name, v]));
    for (const mount of agent.volumeMounts ?? []) {
      expect(volumes.has(mount.name)).toBe(true);
    }
    expect(agent.volumeMounts?.map(m => m.mountPath)).toEqual([
      '/var/log',
      '/var/lib/cos-auditd-fluent-bit/pos-files',
      '/fluent-bit/etc',
    ]);
    expect(volumes.get('config-volume')?.configMap?.name).toBe(
      'cos-auditd-fluent-bit-config',
    );
  });

  it('runs pinned images by default', () => {
    const pod = renderManifest(options()).daemonSet.spec?.template.spec;
    const images = [
      ...(pod?.initContainers ?? []),
      ...(pod?.containers ?? []),
    ].map(c => c.image);
    expect(images).toEqual(['ubuntu:24.04', 'fluent/fluent-bit:3.2.10']);
    for (const image of images) {
      expect(image).toMatch(/:[\w.-]+$|@sha256:/);
      expect(image).not.toMatch(/:latest$/);
    }
  });

  it('runs the configured images', () => {
    const pod = renderManifest(
      options({
        images: {
          ...DEFAULT_IMAGES,
          setup: 'registry.example/ubuntu@sha256:abc',
          agent: 'registry.example/fluent-bit:4.0.0',
        },
      }),
    ).daemonSet.spec?.template.spec;
    expect(pod?.initContainers?.[0].image).toBe(
      'registry.example/ubuntu@sha256:abc',
    );
    expect(pod?.containers[0].image).toBe('registry.example/fluent-bit:4.0.0');
  });

  it('labels every object as managed by this plugin, with the entity ref and its own spec hash', () => {
    for (const object of Object.values(renderManifest(options()))) {
      expect(object.metadata?.labels?.[MANAGED_BY.label]).toBe(
        MANAGED_BY.value,
      );
      expect(
        object.metadata?.annotations?.[MANAGED_BY.entityRefAnnotation],
      ).toBe('resource:default/prod-eu');
      expect(
        object.metadata?.annotations?.[MANAGED_BY.specHashAnnotation],
      ).toBe(expectedSpecHash(object));
    }
  });

  it('records the normalized filter spec on the ConfigMap', () => {
    const { configMap } = renderManifest(
      options({
        filters: {
          excludeSyscalls: ['mmap', 'bind'],
          excludeRecordTypes: [],
          preset: 'full',
        },
      }),
    );
    expect(
      configMap.metadata?.annotations?.[MANAGED_BY.filterSpecAnnotation],
    ).toBe('{"preset":"full","excludeSyscalls":["bind","mmap"]}');
  });

  it('gives the pod template the hash of the ConfigMap data, so a filter change rolls the pods', () => {
    const { configMap, daemonSet } = renderManifest(options());
    expect(daemonSet.spec?.template.metadata?.annotations).toEqual({
      [MANAGED_BY.configHashAnnotation]: specHash(configMap.data),
    });
  });

  it('renders deep-equal objects from the same options', () => {
    expect(renderManifest(options())).toEqual(renderManifest(options()));
  });

  it('changes the ConfigMap and DaemonSet hashes when the filters change, and the namespace not', () => {
    const hashes = (filters: ManifestOptions['filters']) =>
      Object.values(renderManifest(options({ filters }))).map(
        o => o.metadata?.annotations?.[MANAGED_BY.specHashAnnotation],
      );
    const [namespace, configMap, daemonSet] = hashes({ preset: 'balanced' });
    const changed = hashes({
      preset: 'balanced',
      excludeRecordTypes: ['PATH'],
    });
    expect(changed[0]).toBe(namespace);
    expect(changed[1]).not.toBe(configMap);
    expect(changed[2]).not.toBe(daemonSet);
  });

  it('keeps every hash when only the order of the filter lists changes', () => {
    const a = renderManifest(
      options({ filters: { excludeSyscalls: ['mmap', 'bind'] } }),
    );
    const b = renderManifest(
      options({ filters: { excludeSyscalls: ['bind', 'mmap'] } }),
    );
    expect(b).toEqual(a);
  });

  it('changes the DaemonSet hash, not the ConfigMap one, when an image changes', () => {
    const a = renderManifest(options());
    const b = renderManifest(
      options({
        images: { ...DEFAULT_IMAGES, agent: 'fluent/fluent-bit:4.0.0' },
      }),
    );
    const hash = (o: KubernetesObject) =>
      o.metadata?.annotations?.[MANAGED_BY.specHashAnnotation];
    expect(hash(b.configMap)).toBe(hash(a.configMap));
    expect(hash(b.daemonSet)).not.toBe(hash(a.daemonSet));
  });

  it('refuses invalid filters', () => {
    expect(() =>
      renderManifest(
        options({ filters: { excludeExecutables: ['not a path'] } }),
      ),
    ).toThrow(/invalid filters/);
  });
});
