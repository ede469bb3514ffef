import { ResourceChange } from '@cos-auditd/backstage-plugin-cos-auditd-common';
import { ClusterClient } from '../kube';
import { AuditdManifest, COS_AUDITD_OBJECTS } from '../manifests';
import { ClusterObjects } from './readClusterSnapshot';

/**
 * Applies the rendered objects in dependency order (namespace, ConfigMap,
 * DaemonSet). A cluster on the legacy fluentd agent is migrated first: its
 * DaemonSet has the same name, and a server-side apply would merge our
 * container into it next to fluentd's instead of replacing it, so the
 * legacy DaemonSet and ConfigMap are deleted before the current ones come.
 */
export async function applyAuditLogging(options: {
  client: ClusterClient;
  manifest: AuditdManifest;
  live: Pick<ClusterObjects, 'loggingDaemonSet' | 'legacyConfigMap'>;
  dryRun: boolean;
}): Promise<{ changes: ResourceChange[]; messages: string[] }> {
  const { client, manifest, live, dryRun } = options;
  const changes: ResourceChange[] = [];
  const messages: string[] = [];
  const ns = COS_AUDITD_OBJECTS.namespace;

  const legacyDaemonSet =
    live.loggingDaemonSet?.spec?.template.spec?.containers.some(
      c => c.name === COS_AUDITD_OBJECTS.legacyContainer,
    );
  if (legacyDaemonSet || live.legacyConfigMap) {
    messages.push(
      'Migrating from the legacy fluentd agent: its DaemonSet and ConfigMap are replaced by the fluent-bit ones.',
    );
    if (legacyDaemonSet) {
      changes.push(
        await client.delete(
          {
            apiVersion: 'apps/v1',
            kind: 'DaemonSet',
            namespace: ns,
            name: COS_AUDITD_OBJECTS.loggingDaemonSet,
          },
          { dryRun },
        ),
      );
    }
    changes.push(
      await client.delete(
        {
          apiVersion: 'v1',
          kind: 'ConfigMap',
          namespace: ns,
          name: COS_AUDITD_OBJECTS.legacyConfigMap,
        },
        { dryRun },
      ),
    );
  }

  const namespace = await client.apply(manifest.namespace, { dryRun });
  changes.push(namespace);
  for (const object of [manifest.configMap, manifest.daemonSet]) {
    // The API server cannot dry-run objects in a namespace that does not
    // exist yet, and a dry-run apply over the legacy DaemonSet (only
    // dry-run deleted) would preview a merge the real apply never makes:
    // either way the object will be new.
    const replacesLegacy =
      object === manifest.daemonSet && Boolean(legacyDaemonSet);
    if (dryRun && (namespace.action === 'created' || replacesLegacy)) {
      changes.push({
        kind: object.kind!,
        name: object.metadata!.name!,
        namespace: ns,
        action: 'created',
      });
      continue;
    }
    changes.push(await client.apply(object, { dryRun }));
  }
  const changed = changes.filter(c => c.action !== 'unchanged');
  messages.push(
    changed.length === 0
      ? 'Nothing to change: the cluster already runs this configuration.'
      : `${dryRun ? 'Would change' : 'Changed'}: ${changed
          .map(c => `${c.kind} ${c.name} ${c.action}`)
          .join(', ')}.`,
  );
  return { changes, messages };
}
