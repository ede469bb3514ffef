import { ClusterClient } from '../kube';
import { COS_AUDITD_OBJECTS, POD_NAME_LABEL } from '../manifests';

/**
 * Everything status, filters and drift need from a cluster, read with
 * scoped requests in parallel: the nodes, and in the cos-auditd namespace
 * the two DaemonSets, their pods (by label) and the two ConfigMaps.
 */
export async function readClusterObjects(client: ClusterClient) {
  const ns = COS_AUDITD_OBJECTS.namespace;
  const [
    nodes,
    loggingDaemonSet,
    loggingPods,
    disableDaemonSet,
    disablePods,
    fluentBitConfigMap,
    legacyConfigMap,
  ] = await Promise.all([
    client.listNodes(),
    client.getDaemonSet(ns, COS_AUDITD_OBJECTS.loggingDaemonSet),
    client.listPods(
      ns,
      `${POD_NAME_LABEL}=${COS_AUDITD_OBJECTS.loggingDaemonSet}`,
    ),
    client.getDaemonSet(ns, COS_AUDITD_OBJECTS.disableDaemonSet),
    client.listPods(
      ns,
      `${POD_NAME_LABEL}=${COS_AUDITD_OBJECTS.disableDaemonSet}`,
    ),
    client.getConfigMap(ns, COS_AUDITD_OBJECTS.fluentBitConfigMap),
    client.getConfigMap(ns, COS_AUDITD_OBJECTS.legacyConfigMap),
  ]);
  return {
    nodes,
    loggingDaemonSet,
    loggingPods,
    disableDaemonSet,
    disablePods,
    fluentBitConfigMap,
    legacyConfigMap,
  };
}

export type ClusterObjects = Awaited<ReturnType<typeof readClusterObjects>>;

/** The ConfigMaps only, for the filters view. */
export async function readAgentConfigMaps(client: ClusterClient) {
  const ns = COS_AUDITD_OBJECTS.namespace;
  const [fluentBitConfigMap, legacyConfigMap] = await Promise.all([
    client.getConfigMap(ns, COS_AUDITD_OBJECTS.fluentBitConfigMap),
    client.getConfigMap(ns, COS_AUDITD_OBJECTS.legacyConfigMap),
  ]);
  return { fluentBitConfigMap, legacyConfigMap };
}
