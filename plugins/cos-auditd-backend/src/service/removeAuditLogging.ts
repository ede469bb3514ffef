import { V1Node } from '@kubernetes/client-node';
import {
  NodeOutcome,
  RecreationPlan,
  RemoveMode,
  ResourceChange,
} from '@cos-auditd/backstage-plugin-cos-auditd-common';
import { ClusterTarget } from '../clusters';
import { ClusterClient } from '../kube';
import {
  COS_AUDITD_OBJECTS,
  OS_DISTRIBUTION_LABEL,
  POD_NAME_LABEL,
} from '../manifests';
import {
  lockedNodeOutcomes,
  planNodeRecreation,
  readNodeOutcomes,
} from '../rollout';
import { OperationProgress } from './OperationRunner';

/** Deletes in this order: what ships first, then its configuration. */
const LOGGING_OBJECTS = [
  {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    name: COS_AUDITD_OBJECTS.loggingDaemonSet,
  },
  {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    name: COS_AUDITD_OBJECTS.fluentBitConfigMap,
  },
  {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    name: COS_AUDITD_OBJECTS.legacyConfigMap,
  },
];

export type RemoveSettings = {
  disableDaemonSet: Parameters<ClusterClient['apply']>[0];
  disableTimeoutMs: number;
  pollIntervalMs: number;
};

/**
 * Removes audit logging from a cluster.
 *
 * `disable`: deletes the logging DaemonSet and ConfigMaps, runs the disable
 * DaemonSet, follows it until every COS node reported (or the timeout),
 * reads each node's outcome, then deletes it and the namespace.
 * `stop-shipping`: deletes only; every COS node keeps its audit
 * configuration locked until it is recreated.
 * Locked nodes come with per-pool rolling recreation steps.
 */
export async function removeAuditLogging(options: {
  client: ClusterClient;
  target: ClusterTarget;
  mode: RemoveMode;
  settings: RemoveSettings;
  progress: OperationProgress;
}): Promise<{
  changes: ResourceChange[];
  nodes: NodeOutcome[];
  recreation: RecreationPlan[];
  messages: string[];
}> {
  const { client, target, mode, settings, progress } = options;
  const ns = COS_AUDITD_OBJECTS.namespace;
  const messages: string[] = [];
  const changes: ResourceChange[] = [];

  const [nodes, namespace] = await Promise.all([
    client.listNodes(),
    client.getNamespace(ns),
  ]);
  // A namespace being deleted (an earlier removal) holds nothing that ships.
  if (!namespace || namespace.metadata?.deletionTimestamp) {
    if (mode === 'stop-shipping') {
      // Nothing ships: there is nothing to stop, and no node to report on.
      messages.push(
        'Nothing to remove: the cos-auditd namespace does not exist on this cluster.',
      );
      return { changes, nodes: [], recreation: [], messages };
    }
    // The disable DaemonSet still runs, e.g. after a stop-shipping removal
    // left nodes locked; it needs its namespace, gone and created anew.
    await waitUntilGone(client, ns, settings);
    changes.push(
      await client.apply(
        { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } },
        { dryRun: false },
      ),
    );
    messages.push(
      'The cos-auditd namespace did not exist; created it for the disable DaemonSet.',
    );
  }
  for (const object of LOGGING_OBJECTS) {
    changes.push(
      await client.delete({ ...object, namespace: ns }, { dryRun: false }),
    );
  }
  messages.push(
    'Deleted the logging DaemonSet and its configuration: records are no longer shipped.',
  );
  await progress.update({ changes, messages });

  let outcomes: NodeOutcome[];
  if (mode === 'stop-shipping') {
    outcomes = lockedNodeOutcomes(nodes);
    messages.push(
      'Stop-shipping only: audit logging stays locked on every COS node until it is recreated.',
    );
  } else {
    outcomes = await runDisableDaemonSet({
      client,
      nodes,
      settings,
      changes,
      messages,
      progress,
    });
  }
  changes.push(
    await client.delete(
      { apiVersion: 'v1', kind: 'Namespace', name: ns },
      { dryRun: false },
    ),
  );

  const recreation = planNodeRecreation({
    project: target.gke.project,
    cluster: target.gke.clusterName,
    location: target.gke.location,
    locked: outcomes,
    nodes,
  });
  const locked = outcomes.filter(o => o.outcome !== 'disabled').length;
  messages.push(
    locked === 0
      ? `Audit logging is disabled on all ${outcomes.length} COS nodes.`
      : `${locked} of ${outcomes.length} COS nodes stay locked until recreated; recreate them pool by pool with the steps given.`,
  );
  return { changes, nodes: outcomes, recreation, messages };
}

async function runDisableDaemonSet(options: {
  client: ClusterClient;
  nodes: V1Node[];
  settings: RemoveSettings;
  changes: ResourceChange[];
  messages: string[];
  progress: OperationProgress;
}): Promise<NodeOutcome[]> {
  const { client, nodes, settings, changes, messages, progress } = options;
  const ns = COS_AUDITD_OBJECTS.namespace;
  const cosNodes = nodes.filter(
    n => n.metadata?.labels?.[OS_DISTRIBUTION_LABEL] === 'cos',
  );
  changes.push(
    await client.apply(settings.disableDaemonSet, { dryRun: false }),
  );
  messages.push(
    `Running the disable DaemonSet on ${cosNodes.length} COS nodes.`,
  );
  await progress.update({ changes, messages });

  const deadline = Date.now() + settings.disableTimeoutMs;
  let outcomes: NodeOutcome[] = [];
  for (;;) {
    const pods = await client.listPods(
      ns,
      `${POD_NAME_LABEL}=${COS_AUDITD_OBJECTS.disableDaemonSet}`,
    );
    outcomes = readNodeOutcomes({ nodes: cosNodes, disablePods: pods });
    const reported = outcomes.filter(o => o.outcome !== 'unknown').length;
    await progress.update({ nodes: outcomes });
    if (reported === cosNodes.length) {
      break;
    }
    if (Date.now() >= deadline) {
      messages.push(
        `${cosNodes.length - reported} nodes did not report within ${Math.round(
          settings.disableTimeoutMs / 1000,
        )} s; they are counted as still locked.`,
      );
      break;
    }
    await new Promise(resolve => setTimeout(resolve, settings.pollIntervalMs));
  }
  changes.push(
    await client.delete(
      {
        apiVersion: 'apps/v1',
        kind: 'DaemonSet',
        namespace: ns,
        name: COS_AUDITD_OBJECTS.disableDaemonSet,
      },
      { dryRun: false },
    ),
  );
  return outcomes;
}

async function waitUntilGone(
  client: ClusterClient,
  namespace: string,
  settings: RemoveSettings,
) {
  const deadline = Date.now() + settings.disableTimeoutMs;
  while (await client.getNamespace(namespace)) {
    if (Date.now() > deadline) {
      throw new Error(
        `The ${namespace} namespace of an earlier removal is still being deleted; try again later`,
      );
    }
    await new Promise(resolve => setTimeout(resolve, settings.pollIntervalMs));
  }
}
