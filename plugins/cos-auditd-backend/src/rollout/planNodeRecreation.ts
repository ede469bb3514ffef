import { V1Node } from '@kubernetes/client-node';
import {
  NodeOutcome,
  RecreationPlan,
} from '@cos-auditd/backstage-plugin-cos-auditd-common';

/**
 * Rolling recreation steps for the nodes a removal left locked, per pool.
 * GKE names a pool's managed instance group in a zone like its nodes
 * without their last `-xxxx` part, plus `-grp`; the zone comes from the
 * node's providerID (`gce://project/zone/name`). A rolling replace with
 * max-unavailable 0 recreates one instance at a time with a surge, so the
 * pool keeps its capacity: never all nodes or pools at once.
 */
export function planNodeRecreation(options: {
  project: string;
  cluster: string;
  location: string;
  locked: NodeOutcome[];
  nodes: V1Node[];
}): RecreationPlan[] {
  const byName = new Map(options.nodes.map(n => [n.metadata?.name ?? '', n]));
  const pools = new Map<
    string,
    { nodes: string[]; groups: Map<string, string> }
  >();
  for (const outcome of options.locked) {
    if (outcome.outcome === 'disabled') {
      continue;
    }
    const node = byName.get(outcome.node);
    const zone = zoneOf(node) ?? options.location;
    const group = `${outcome.node.replace(/-[^-]+$/, '')}-grp`;
    const pool = pools.get(outcome.pool) ?? {
      nodes: [],
      groups: new Map<string, string>(),
    };
    pool.nodes.push(outcome.node);
    pool.groups.set(group, zone);
    pools.set(outcome.pool, pool);
  }
  return [...pools.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([pool, { nodes, groups }]) => {
      const instanceGroups = [...groups.entries()]
        .map(([name, zone]) => ({ name, zone }))
        .sort((a, b) => a.name.localeCompare(b.name));
      const project = `--project=${options.project}`;
      return {
        pool,
        nodes: nodes.sort(),
        instanceGroups,
        steps: instanceGroups.flatMap(({ name, zone }) => [
          `gcloud compute instance-groups managed rolling-action replace ${name} ${project} --zone=${zone} --max-surge=1 --max-unavailable=0`,
          `gcloud compute instance-groups managed wait-until ${name} --stable ${project} --zone=${zone}`,
        ]),
      };
    });
}

function zoneOf(node: V1Node | undefined): string | undefined {
  const fromProvider = /^gce:\/\/[^/]+\/([^/]+)\//.exec(
    node?.spec?.providerID ?? '',
  )?.[1];
  return (
    fromProvider ?? node?.metadata?.labels?.['topology.kubernetes.io/zone']
  );
}
