import {
  AuditdManifest,
  DEFAULT_IMAGES,
  MANAGED_BY,
  renderManifest,
} from '../manifests';
import { detectDrift } from './detectDrift';

function desired(
  overrides: Partial<Parameters<typeof renderManifest>[0]> = {},
): AuditdManifest {
  return renderManifest({
    entityRef: 'resource:default/prod',
    clusterName: 'prod',
    clusterLocation: 'europe-west1',
    images: DEFAULT_IMAGES,
    filters: { preset: 'balanced' },
    ...overrides,
  });
}

/** The live objects as the plugin applied them. */
function appliedLive() {
  const manifest = desired();
  return {
    daemonSet: structuredClone(manifest.daemonSet),
    configMap: structuredClone(manifest.configMap),
    legacyConfigMap: null,
  };
}

describe('detectDrift', () => {
  it('finds none when the live objects are what the plugin would apply', () => {
    expect(detectDrift(appliedLive(), desired())).toEqual([]);
  });

  it('finds none when nothing is installed', () => {
    expect(
      detectDrift(
        { daemonSet: null, configMap: null, legacyConfigMap: null },
        desired(),
      ),
    ).toEqual([]);
  });

  it('reports a hand-edited agent configuration', () => {
    const live = appliedLive();
    live.configMap.data = { 'fluent-bit.conf': '[INPUT]\n    Name systemd\n' };
    expect(detectDrift(live, desired())).toEqual([
      expect.objectContaining({
        kind: 'ConfigMap',
        message: expect.stringMatching(/edited outside Backstage/),
      }),
    ]);
  });

  it('reports objects applied outside Backstage', () => {
    const live = appliedLive();
    delete live.daemonSet.metadata!.labels![MANAGED_BY.label];
    delete live.configMap.metadata!.labels![MANAGED_BY.label];
    const messages = detectDrift(live, desired()).map(d => d.message);
    expect(messages).toEqual([
      expect.stringMatching(/configuration was applied outside Backstage/),
      expect.stringMatching(/DaemonSet was applied outside Backstage/),
    ]);
  });

  it('reports an agent image other than the configured one', () => {
    const drift = detectDrift(
      appliedLive(),
      desired({
        images: {
          ...DEFAULT_IMAGES,
          agent: 'registry.example.com/fluent-bit:4.0.0',
        },
      }),
    );
    expect(drift.map(d => d.message)).toContainEqual(
      expect.stringMatching(
        /runs fluent\/fluent-bit:3.2.10; this portal applies registry.example.com\/fluent-bit:4.0.0/,
      ),
    );
  });

  it('reports pods started for another configuration', () => {
    const live = appliedLive();
    live.daemonSet.spec!.template.metadata!.annotations![
      MANAGED_BY.configHashAnnotation
    ] = 'stale';
    expect(detectDrift(live, desired()).map(d => d.message)).toEqual([
      expect.stringMatching(/started for a different configuration/),
    ]);
  });

  it('reports the legacy fluentd configuration', () => {
    const live = {
      ...appliedLive(),
      legacyConfigMap: { metadata: { name: 'fluentd-gcp-config-cos-auditd' } },
    };
    expect(detectDrift(live, desired())).toContainEqual(
      expect.objectContaining({
        name: 'fluentd-gcp-config-cos-auditd',
        message: expect.stringMatching(/legacy fluentd/),
      }),
    );
  });
});
