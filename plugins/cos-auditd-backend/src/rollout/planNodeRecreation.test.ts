import { V1Node } from '@kubernetes/client-node';
import { NodeOutcome } from '@cos-auditd/backstage-plugin-cos-auditd-common';
import { planNodeRecreation } from './planNodeRecreation';

const PROJECT = 'demo-project';
const CLUSTER = 'prod';
const LOCATION = 'europe-west1';

/**
 * A GKE node named like GKE names them: `gke-<cluster>-<pool>-<group hash>-<suffix>`,
 * with its zone in the providerID (`gce://project/zone/instance`) and label.
 */
function node(
  name: string,
  options: {
    pool: string;
    zone?: string;
    providerID?: string | null;
    zoneLabel?: boolean;
  },
): V1Node {
  const { pool, zone = 'europe-west1-b', zoneLabel = true } = options;
  const providerID =
    options.providerID === undefined
      ? `gce://${PROJECT}/${zone}/${name}`
      : options.providerID;
  return {
    metadata: {
      name,
      labels: {
        'cloud.google.com/gke-nodepool': pool,
        'cloud.google.com/gke-os-distribution': 'cos',
        ...(zoneLabel ? { 'topology.kubernetes.io/zone': zone } : {}),
      },
    },
    spec: providerID === null ? {} : { providerID },
    status: {
      nodeInfo: {
        osImage: 'Container-Optimized OS from Google',
        architecture: 'amd64',
        bootID: '',
        containerRuntimeVersion: 'containerd://1.7.24',
        kernelVersion: '6.6.72+',
        kubeProxyVersion: 'v1.32.4-gke.1106006',
        kubeletVersion: 'v1.32.4-gke.1106006',
        machineID: '',
        operatingSystem: 'linux',
        systemUUID: '',
      },
    },
  };
}

// Two pools over two zones: one managed instance group per pool and zone.
const DEFAULT_B1 = 'gke-prod-default-pool-1a2b3c4d-k7x2';
const DEFAULT_B2 = 'gke-prod-default-pool-1a2b3c4d-a9q4';
const DEFAULT_C1 = 'gke-prod-default-pool-5e6f7a8b-m3n8';
const ARM_B1 = 'gke-prod-arm-pool-9c0d1e2f-p0z1';
const ARM_C1 = 'gke-prod-arm-pool-3a4b5c6d-r5t6';
const ARM_C2 = 'gke-prod-arm-pool-3a4b5c6d-b2c3';

const NODES = [
  node(DEFAULT_B1, { pool: 'default-pool', zone: 'europe-west1-b' }),
  node(DEFAULT_B2, { pool: 'default-pool', zone: 'europe-west1-b' }),
  node(DEFAULT_C1, { pool: 'default-pool', zone: 'europe-west1-c' }),
  node(ARM_B1, { pool: 'arm-pool', zone: 'europe-west1-b' }),
  node(ARM_C1, { pool: 'arm-pool', zone: 'europe-west1-c' }),
  node(ARM_C2, { pool: 'arm-pool', zone: 'europe-west1-c' }),
];

const POOL_OF: Record<string, string> = Object.fromEntries(
  NODES.map(n => [
    n.metadata!.name!,
    n.metadata!.labels!['cloud.google.com/gke-nodepool'],
  ]),
);

const outcomes = (
  entries: Array<[string, NodeOutcome['outcome']]>,
): NodeOutcome[] =>
  entries.map(([name, outcome]) => ({
    node: name,
    pool: POOL_OF[name] ?? 'default-pool',
    outcome,
  }));

const plan = (locked: NodeOutcome[], nodes: V1Node[] = NODES) =>
  planNodeRecreation({
    project: PROJECT,
    cluster: CLUSTER,
    location: LOCATION,
    locked,
    nodes,
  });

const replace = (group: string, zone: string) =>
  `gcloud compute instance-groups managed rolling-action replace ${group} --project=${PROJECT} --zone=${zone} --max-surge=1 --max-unavailable=0`;
/** A string holding every one of `parts`, in any order. */
const allOf = (...parts: string[]) =>
  expect.stringMatching(
    new RegExp(
      parts
        .map(p => `(?=.*${p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')})`)
        .join(''),
    ),
  );

const waitStable = (group: string, zone: string) =>
  `gcloud compute instance-groups managed wait-until ${group} --stable --project=${PROJECT} --zone=${zone}`;

describe('planNodeRecreation', () => {
  it('plans one rolling recreation per pool, one instance group per zone, in order', () => {
    const plans = plan(
      outcomes([
        [DEFAULT_B1, 'locked'],
        [DEFAULT_B2, 'locked'],
        [DEFAULT_C1, 'unknown'],
        [ARM_C1, 'locked'],
        [ARM_B1, 'locked'],
        [ARM_C2, 'locked'],
      ]),
    );
    expect(plans).toEqual([
      {
        pool: 'arm-pool',
        nodes: [ARM_C2, ARM_B1, ARM_C1].sort(),
        instanceGroups: [
          { name: 'gke-prod-arm-pool-3a4b5c6d-grp', zone: 'europe-west1-c' },
          { name: 'gke-prod-arm-pool-9c0d1e2f-grp', zone: 'europe-west1-b' },
        ],
        steps: [
          replace('gke-prod-arm-pool-3a4b5c6d-grp', 'europe-west1-c'),
          waitStable('gke-prod-arm-pool-3a4b5c6d-grp', 'europe-west1-c'),
          replace('gke-prod-arm-pool-9c0d1e2f-grp', 'europe-west1-b'),
          waitStable('gke-prod-arm-pool-9c0d1e2f-grp', 'europe-west1-b'),
        ],
      },
      {
        pool: 'default-pool',
        nodes: [DEFAULT_B1, DEFAULT_B2, DEFAULT_C1].sort(),
        instanceGroups: [
          {
            name: 'gke-prod-default-pool-1a2b3c4d-grp',
            zone: 'europe-west1-b',
          },
          {
            name: 'gke-prod-default-pool-5e6f7a8b-grp',
            zone: 'europe-west1-c',
          },
        ],
        steps: [
          replace('gke-prod-default-pool-1a2b3c4d-grp', 'europe-west1-b'),
          waitStable('gke-prod-default-pool-1a2b3c4d-grp', 'europe-west1-b'),
          replace('gke-prod-default-pool-5e6f7a8b-grp', 'europe-west1-c'),
          waitStable('gke-prod-default-pool-5e6f7a8b-grp', 'europe-west1-c'),
        ],
      },
    ]);
  });

  it('never recreates everything at once: one instance at a time, each group stable before the next', () => {
    const plans = plan(
      outcomes(
        NODES.map(n => [n.metadata!.name!, 'locked'] as [string, 'locked']),
      ),
    );
    expect(plans.map(p => p.pool)).toEqual(['arm-pool', 'default-pool']);
    for (const { steps, instanceGroups } of plans) {
      // Per instance group: replace one instance at a time, then wait until stable.
      expect(steps).toEqual(
        instanceGroups.flatMap(({ name, zone }) => [
          allOf(
            `gcloud compute instance-groups managed rolling-action replace ${name} `,
            `--project=${PROJECT}`,
            `--zone=${zone}`,
            '--max-surge=1',
            '--max-unavailable=0',
          ),
          allOf(
            `gcloud compute instance-groups managed wait-until ${name} `,
            '--stable',
            `--project=${PROJECT}`,
            `--zone=${zone}`,
          ),
        ]),
      );
      for (const step of steps) {
        expect(step).not.toMatch(
          /recreate-instances|delete-instances|resize|--max-unavailable=(?!0\b)|--max-surge=(?!1\b)/,
        );
      }
    }
  });

  it.each<{ name: string; locked: NodeOutcome[]; pools: string[] }>([
    { name: 'nothing locked', locked: [], pools: [] },
    {
      name: 'every node disabled',
      locked: outcomes(
        NODES.map(n => [n.metadata!.name!, 'disabled'] as [string, 'disabled']),
      ),
      pools: [],
    },
    {
      name: 'one pool disabled, the other locked',
      locked: outcomes([
        [DEFAULT_B1, 'disabled'],
        [DEFAULT_B2, 'disabled'],
        [DEFAULT_C1, 'disabled'],
        [ARM_B1, 'locked'],
        [ARM_C1, 'locked'],
        [ARM_C2, 'locked'],
      ]),
      pools: ['arm-pool'],
    },
    {
      name: 'unknown counts as locked',
      locked: outcomes([
        [DEFAULT_B1, 'disabled'],
        [ARM_B1, 'unknown'],
      ]),
      pools: ['arm-pool'],
    },
  ])('plans only pools with nodes left locked: $name', ({ locked, pools }) => {
    expect(plan(locked).map(p => p.pool)).toEqual(pools);
  });

  it('leaves out the disabled nodes of a pool, and a zone whose nodes are all disabled', () => {
    const [only] = plan(
      outcomes([
        [DEFAULT_B1, 'locked'],
        [DEFAULT_B2, 'disabled'],
        [DEFAULT_C1, 'disabled'],
      ]),
    );
    expect(only.nodes).toEqual([DEFAULT_B1]);
    expect(only.instanceGroups).toEqual([
      { name: 'gke-prod-default-pool-1a2b3c4d-grp', zone: 'europe-west1-b' },
    ]);
    expect(only.steps.join('\n')).not.toContain('5e6f7a8b');
  });

  it.each<{ name: string; node: V1Node | null; zone: string }>([
    {
      name: 'from the providerID',
      node: node(DEFAULT_C1, { pool: 'default-pool', zone: 'europe-west1-c' }),
      zone: 'europe-west1-c',
    },
    {
      name: 'from the providerID, over the zone label',
      node: {
        ...node(DEFAULT_C1, { pool: 'default-pool', zone: 'europe-west1-d' }),
        spec: { providerID: `gce://${PROJECT}/europe-west1-c/${DEFAULT_C1}` },
      },
      zone: 'europe-west1-c',
    },
    {
      name: 'from a domain-scoped project providerID',
      node: node(DEFAULT_C1, {
        pool: 'default-pool',
        zone: 'europe-west1-d',
        providerID: `gce://example.com:demo/europe-west1-c/${DEFAULT_C1}`,
      }),
      zone: 'europe-west1-c',
    },
    {
      name: 'from the zone label without a providerID',
      node: node(DEFAULT_C1, {
        pool: 'default-pool',
        zone: 'europe-west1-d',
        providerID: null,
      }),
      zone: 'europe-west1-d',
    },
    {
      name: 'from the cluster location when neither is there',
      node: node(DEFAULT_C1, {
        pool: 'default-pool',
        providerID: null,
        zoneLabel: false,
      }),
      zone: LOCATION,
    },
    {
      name: 'from the cluster location when the node is gone',
      node: null,
      zone: LOCATION,
    },
  ])('takes the zone $name', ({ node: input, zone }) => {
    const [only] = plan(
      outcomes([[DEFAULT_C1, 'locked']]),
      input ? [input] : [],
    );
    expect(only.instanceGroups).toEqual([
      { name: 'gke-prod-default-pool-5e6f7a8b-grp', zone },
    ]);
    expect(only.steps[0]).toContain(`--zone=${zone}`);
    expect(only.steps[1]).toContain(`--zone=${zone}`);
  });

  it('names the instance group like GKE does, from the node name without its suffix', () => {
    const name = 'gke-demo-gke-prod-arm-pool-6f1c0b2e-x1y2';
    const [only] = plan(
      [{ node: name, pool: 'arm-pool', outcome: 'locked' }],
      [node(name, { pool: 'arm-pool', zone: 'europe-west1-b' })],
    );
    expect(only.instanceGroups).toEqual([
      {
        name: 'gke-demo-gke-prod-arm-pool-6f1c0b2e-grp',
        zone: 'europe-west1-b',
      },
    ]);
  });
});
