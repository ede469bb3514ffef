import { V1ConfigMap, V1DaemonSet } from '@kubernetes/client-node';
import { DriftItem } from '@cos-auditd/backstage-plugin-cos-auditd-common';
import { AuditdManifest, COS_AUDITD_OBJECTS, MANAGED_BY } from '../manifests';

/** What is live in the cluster's cos-auditd namespace. */
export type LiveObjects = {
  daemonSet: V1DaemonSet | null;
  configMap: V1ConfigMap | null;
  legacyConfigMap: V1ConfigMap | null;
};

/**
 * The live objects that differ from what this plugin would apply now
 * (`desired`, rendered from the live filters and today's config), each
 * said in words. Nothing installed is not drift.
 */
export function detectDrift(
  live: LiveObjects,
  desired: AuditdManifest,
): DriftItem[] {
  const drift: DriftItem[] = [];
  const namespace = COS_AUDITD_OBJECTS.namespace;
  if (live.legacyConfigMap) {
    drift.push({
      kind: 'ConfigMap',
      name: COS_AUDITD_OBJECTS.legacyConfigMap,
      namespace,
      message:
        'The legacy fluentd agent configuration is installed; applying migrates the cluster to the current fluent-bit agent.',
    });
  }
  if (live.configMap) {
    const liveText =
      live.configMap.data?.[COS_AUDITD_OBJECTS.fluentBitConfigKey] ?? '';
    const desiredText =
      desired.configMap.data?.[COS_AUDITD_OBJECTS.fluentBitConfigKey] ?? '';
    if (!isManaged(live.configMap)) {
      drift.push({
        kind: 'ConfigMap',
        name: COS_AUDITD_OBJECTS.fluentBitConfigMap,
        namespace,
        message:
          'The agent configuration was applied outside Backstage (for example with kubectl); applying replaces it.',
      });
    } else if (liveText !== desiredText) {
      drift.push({
        kind: 'ConfigMap',
        name: COS_AUDITD_OBJECTS.fluentBitConfigMap,
        namespace,
        message:
          'fluent-bit.conf was edited outside Backstage and differs from the filters this plugin applied.',
      });
    }
  }
  const daemonSet = live.daemonSet;
  if (daemonSet) {
    const liveContainers = containerImages(daemonSet);
    const desiredContainers = containerImages(desired.daemonSet);
    if (!isManaged(daemonSet)) {
      drift.push({
        kind: 'DaemonSet',
        name: COS_AUDITD_OBJECTS.loggingDaemonSet,
        namespace,
        message:
          'The logging DaemonSet was applied outside Backstage; applying takes it over.',
      });
    }
    for (const [container, image] of desiredContainers) {
      const liveImage = liveContainers.get(container);
      if (liveImage !== undefined && liveImage !== image) {
        drift.push({
          kind: 'DaemonSet',
          name: COS_AUDITD_OBJECTS.loggingDaemonSet,
          namespace,
          message: `Container ${container} runs ${liveImage}; this portal applies ${image}.`,
        });
      }
    }
    const liveHash = configHash(daemonSet);
    if (
      isManaged(daemonSet) &&
      liveHash !== undefined &&
      liveHash !== configHash(desired.daemonSet)
    ) {
      drift.push({
        kind: 'DaemonSet',
        name: COS_AUDITD_OBJECTS.loggingDaemonSet,
        namespace,
        message:
          'The agent pods were started for a different configuration than the live ConfigMap; apply to restart them with it.',
      });
    }
  }
  return drift;
}

function isManaged(object: { metadata?: { labels?: Record<string, string> } }) {
  return object.metadata?.labels?.[MANAGED_BY.label] === MANAGED_BY.value;
}

function containerImages(daemonSet: V1DaemonSet): Map<string, string> {
  const pod = daemonSet.spec?.template.spec;
  return new Map(
    [...(pod?.initContainers ?? []), ...(pod?.containers ?? [])].map(c => [
      c.name,
      c.image ?? '',
    ]),
  );
}

function configHash(daemonSet: V1DaemonSet): string | undefined {
  return daemonSet.spec?.template.metadata?.annotations?.[
    MANAGED_BY.configHashAnnotation
  ];
}
