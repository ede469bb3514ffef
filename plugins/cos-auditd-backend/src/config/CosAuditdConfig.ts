import { Config } from '@backstage/config';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { CloudLoggingSettings, LogCredentials } from '../events';
import { AuditdImages, DEFAULT_IMAGES } from '../manifests';

/** What app-config says about one cluster; keyed by normalized entity ref. */
export type ClusterSettings = {
  serviceAccountToken?: string;
  skipTLSVerify: boolean;
  /** Where the cluster's audit logs are read, when not its own project with ADC. */
  logging: LogCredentials & { project?: string };
};

/** The plugin's configuration, read and checked once at start. */
export type CosAuditdConfig = {
  /** Origins exempt from the HTTPS and public-address rules. */
  allowedClusterOrigins: Set<string>;
  kubernetes: { timeoutMs: number; readRetries: number };
  images: AuditdImages;
  remove: { disableTimeoutMs: number; pollIntervalMs: number };
  statusConcurrency: number;
  /** Reading audit events back from Cloud Logging. */
  logging: CloudLoggingSettings & { maskSecrets: boolean };
  /** Keyed by normalized entity ref. */
  clusters: Map<string, ClusterSettings>;
};

/**
 * Reads `cosAuditd` from app-config. Throws with the offending key on
 * anything malformed, so a bad config stops the backend at start instead
 * of failing requests later.
 */
export function readCosAuditdConfig(root: Config): CosAuditdConfig {
  const config = root.getOptionalConfig('cosAuditd');
  const positive = (key: string, fallback: number) => {
    const value = config?.getOptionalNumber(key) ?? fallback;
    if (!Number.isInteger(value) || value <= 0) {
      throw new Error(
        `cosAuditd.${key} must be a positive integer, got ${value}`,
      );
    }
    return value;
  };
  const nonNegative = (key: string, fallback: number) => {
    const value = config?.getOptionalNumber(key) ?? fallback;
    if (!Number.isInteger(value) || value < 0) {
      throw new Error(`cosAuditd.${key} must be 0 or more, got ${value}`);
    }
    return value;
  };
  const allowedClusterOrigins = new Set(
    (config?.getOptionalStringArray('dangerouslyAllowClusterUrls') ?? []).map(
      url => {
        try {
          return new URL(url).origin;
        } catch {
          throw new Error(
            `cosAuditd.dangerouslyAllowClusterUrls: "${url}" is not a URL`,
          );
        }
      },
    ),
  );
  const clusters = new Map<string, ClusterSettings>();
  for (const cluster of config?.getOptionalConfigArray('clusters') ?? []) {
    const ref = cluster.getString('entityRef');
    let normalized: string;
    try {
      normalized = stringifyEntityRef(
        parseEntityRef(ref, {
          defaultKind: 'resource',
          defaultNamespace: 'default',
        }),
      );
    } catch {
      throw new Error(`cosAuditd.clusters: "${ref}" is not an entity ref`);
    }
    clusters.set(normalized, {
      serviceAccountToken: cluster.getOptionalString('serviceAccountToken'),
      skipTLSVerify: cluster.getOptionalBoolean('skipTLSVerify') ?? false,
      logging: {
        project: cluster.getOptionalString('logging.project'),
        keyFilename: cluster.getOptionalString('logging.keyFilename'),
      },
    });
  }
  return {
    allowedClusterOrigins,
    kubernetes: {
      timeoutMs: positive('kubernetes.timeoutMs', 5000),
      readRetries: nonNegative('kubernetes.readRetries', 2),
    },
    images: {
      setup: config?.getOptionalString('images.setup') ?? DEFAULT_IMAGES.setup,
      agent: config?.getOptionalString('images.agent') ?? DEFAULT_IMAGES.agent,
      disable:
        config?.getOptionalString('images.disable') ?? DEFAULT_IMAGES.disable,
      pause: config?.getOptionalString('images.pause') ?? DEFAULT_IMAGES.pause,
    },
    remove: {
      disableTimeoutMs: positive('remove.disableTimeoutMs', 300_000),
      pollIntervalMs: positive('remove.pollIntervalMs', 2000),
    },
    statusConcurrency: positive('statusConcurrency', 8),
    logging: {
      apiEndpoint: config?.getOptionalString('logging.apiEndpoint'),
      insecure:
        config?.getOptionalBoolean('logging.dangerouslyUseInsecureChannel') ??
        false,
      timeoutMs: positive('logging.timeoutMs', 10_000),
      maskSecrets: config?.getOptionalBoolean('logging.maskSecrets') ?? true,
    },
    clusters,
  };
}
