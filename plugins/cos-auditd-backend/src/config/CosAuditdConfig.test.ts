import { ConfigReader } from '@backstage/config';
import { JsonValue } from '@backstage/types';
import { readCosAuditdConfig } from './CosAuditdConfig';

const read = (cosAuditd: JsonValue) =>
  readCosAuditdConfig(new ConfigReader({ cosAuditd }));

describe('readCosAuditdConfig', () => {
  it('has pinned images and bounded timeouts by default', () => {
    const config = readCosAuditdConfig(new ConfigReader({}));
    expect(config.kubernetes).toEqual({ timeoutMs: 5000, readRetries: 2 });
    expect(Object.values(config.images).join(' ')).not.toMatch(
      /:latest|^[^:]+$/,
    );
    expect(config.allowedClusterOrigins.size).toBe(0);
    expect(config.statusConcurrency).toBe(8);
  });

  it('keys cluster credentials by the normalized entity ref', () => {
    const config = read({
      clusters: [{ entityRef: 'demo-gke-prod', serviceAccountToken: 'secret' }],
    });
    expect(config.clusters.get('resource:default/demo-gke-prod')).toEqual({
      serviceAccountToken: 'secret',
      skipTLSVerify: false,
      logging: { project: undefined, keyFilename: undefined },
    });
  });

  it('reads allowed cluster URLs as origins', () => {
    const config = read({
      dangerouslyAllowClusterUrls: ['http://127.0.0.1:16443/'],
    });
    expect([...config.allowedClusterOrigins]).toEqual([
      'http://127.0.0.1:16443',
    ]);
  });

  it.each([
    [
      { kubernetes: { timeoutMs: 0 } },
      /cosAuditd.kubernetes.timeoutMs must be a positive integer/,
    ],
    [
      { kubernetes: { readRetries: -1 } },
      /cosAuditd.kubernetes.readRetries must be 0 or more/,
    ],
    [
      { dangerouslyAllowClusterUrls: ['not a url'] },
      /"not a url" is not a URL/,
    ],
    [
      { clusters: [{ entityRef: 'resource:default/' }] },
      /is not an entity ref/,
    ],
    [
      { logging: { timeoutMs: 0 } },
      /cosAuditd.logging.timeoutMs must be a positive integer/,
    ],
  ])('refuses %o at start', (cosAuditd, message) => {
    expect(() => read(cosAuditd)).toThrow(message);
  });
});
