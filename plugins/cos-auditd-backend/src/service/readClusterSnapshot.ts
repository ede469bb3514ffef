import { ClusterClient } from '../kube';
import {
  COS_AUDITD_OBJECTS,
  OS_DISTRIBUTION_LABEL,
  POD_NAME_LABEL,
} from '../manifests';

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

/**
 * What an apply needs, and no more: whether the cluster is Autopilot or has
 * COS nodes (one node of each kind is enough), the logging DaemonSet (for a
 * legacy agent) and the two ConfigMaps (for the filters to keep). Listing
 * every node and pod of a large cluster would cost more than the apply.
 */
export async function readApplyInputs(client: ClusterClient) {
  const ns = COS_AUDITD_OBJECTS.namespace;
  const [anyNodes, cosNodes, loggingDaemonSet, configMaps] = await Promise.all([
    client.sampleNodes({ limit: 1 }),
    client.sampleNodes({
      labelSelector: `${OS_DISTRIBUTION_LABEL}=cos`,
      limit: 1,
    }),
    client.getDaemonSet(ns, COS_AUDITD_OBJECTS.loggingDaemonSet),
    readAgentConfigMaps(client),
  ]);
  return { anyNodes, cosNodes, loggingDaemonSet, ...configMaps };
}
