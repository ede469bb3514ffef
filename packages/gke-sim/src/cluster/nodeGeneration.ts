import { SeededRandom } from '../random';
import { KubeObject } from '../kube';
import { ClusterSpec, NodePoolSpec } from '../config/types';

/** The GKE version the simulated nodes and API report. */
export const GKE_VERSION = 'v1.32.4-gke.1106006';

/** The annotation GKE puts the node's numeric Compute Engine instance id in. */
export const INSTANCE_ID_ANNOTATION = 'container.googleapis.com/instance_id';
export const POOL_LABEL = 'cloud.google.com/gke-nodepool';
export const ZONE_LABEL = 'topology.kubernetes.io/zone';

const OS_IMAGES = {
  cos: {
    osImage: 'Container-Optimized OS from Google',
    kernelVersion: '6.6.72+',
    distribution: 'cos',
    operatingSystem: 'linux',
  },
  ubuntu: {
    osImage: 'Ubuntu 22.04.4 LTS',
    kernelVersion: '5.15.0-1075-gke',
    distribution: 'ubuntu',
    operatingSystem: 'linux',
  },
  windows: {
    osImage: 'Windows Server 2022 Datacenter',
    kernelVersion: '10.0.20348.3207',
    distribution: 'windows_ltsc',
    operatingSystem: 'windows',
  },
} as const;

/** The zones a pool's nodes are spread over. */
export function zonesOf(pool: NodePoolSpec, location: string): string[] {
  if (pool.zones && pool.zones.length > 0) {
    return pool.zones;
  }
  // A zone looks like `europe-west1-b`; a region like `europe-west1`.
  return [/-[a-z]$/.test(location) ? location : `${location}-b`];
}

/**
 * Makes the Node objects of a pool the way GKE names and labels them:
 * `gke-<cluster>-<pool>-<instance group hash>-<suffix>` (`gk3-` on
 * Autopilot), with the pool, OS, zone and instance-type labels, the
 * provider ID and the instance id annotation. Nested parts that are the same
 * for every node of the pool are shared, to keep 10,000 nodes small.
 */
export class NodeFactory {
  readonly #cluster: ClusterSpec;
  readonly #random: SeededRandom;
  readonly #taken = new Set<string>();
  #created = 0;

  static create(options: { cluster: ClusterSpec }): NodeFactory {
    return new NodeFactory(options.cluster);
  }

  private constructor(cluster: ClusterSpec) {
    this.#cluster = cluster;
    this.#random = SeededRandom.forName(
      0,
      `${cluster.project}/${cluster.name}`,
    );
  }

  /** Marks a name as in use (nodes that exist already). */
  reserve(name: string) {
    this.#taken.add(name);
  }

  release(name: string) {
    this.#taken.delete(name);
  }

  /** `count` new nodes for `pool`, spread round-robin over its zones. */
  nodes(pool: NodePoolSpec, count: number, createdAt: string): KubeObject[] {
    const cluster = this.#cluster;
    const zones = zonesOf(pool, cluster.location);
    const os = OS_IMAGES[pool.os];
    const arch = pool.arch ?? 'amd64';
    const machineType =
      pool.machineType ??
      (arch === 'arm64' ? 't2a-standard-4' : 'e2-standard-4');
    const status = sharedStatus(os, arch, createdAt);
    const spec =
      pool.taints && pool.taints.length > 0 ? { taints: pool.taints } : {};
    const prefix = `${cluster.autopilot ? 'gk3' : 'gke'}-${cluster.name}-${
      pool.name
    }`
      .slice(0, 49)
      .replace(/-+$/, '');
    const nodes: KubeObject[] = [];
    for (let i = 0; i < count; i++) {
      const zone = zones[(this.#created + i) % zones.length];
      const group = SeededRandom.forName(
        0,
        `${cluster.name}/${pool.name}/${zone}`,
      ).chars('0123456789abcdef', 8);
      let name: string;
      do {
        name = `${prefix}-${group}-${this.#random.chars(
          'abcdefghijklmnopqrstuvwxyz0123456789',
          4,
        )}`;
      } while (this.#taken.has(name));
      this.#taken.add(name);
      const index = this.#created + i;
      const host = index + 2;
      const internalIp = `10.${128 + ((host >> 16) & 63)}.${
        (host >> 8) & 255
      }.${host & 255}`;
      nodes.push({
        apiVersion: 'v1',
        kind: 'Node',
        metadata: {
          name,
          labels: {
            'beta.kubernetes.io/arch': arch,
            'beta.kubernetes.io/instance-type': machineType,
            'beta.kubernetes.io/os': os.operatingSystem,
            'cloud.google.com/gke-boot-disk': 'pd-balanced',
            'cloud.google.com/gke-container-runtime': 'containerd',
            [POOL_LABEL]: pool.name,
            'cloud.google.com/gke-os-distribution': os.distribution,
            'cloud.google.com/machine-family': machineType.split('-')[0],
            'kubernetes.io/arch': arch,
            'kubernetes.io/hostname': name,
            'kubernetes.io/os': os.operatingSystem,
            'node.kubernetes.io/instance-type': machineType,
            'topology.kubernetes.io/region': zone.replace(/-[a-z]$/, ''),
            [ZONE_LABEL]: zone,
          },
          annotations: {
            [INSTANCE_ID_ANNOTATION]: this.#instanceId(),
            'node.alpha.kubernetes.io/ttl': '0',
          },
          creationTimestamp: createdAt,
        },
        spec: {
          providerID: `gce://${cluster.project}/${zone}/${name}`,
          podCIDR: `10.${(index >> 8) & 255}.${index & 255}.0/24`,
          ...spec,
        },
        status: {
          ...status,
          addresses: [
            { type: 'InternalIP', address: internalIp },
            { type: 'Hostname', address: name },
          ],
        },
      });
    }
    this.#created += count;
    return nodes;
  }

  #instanceId(): string {
    return `${1 + Math.floor(this.#random.next() * 9)}${this.#random.chars(
      '0123456789',
      18,
    )}`;
  }
}

function sharedStatus(
  os: (typeof OS_IMAGES)[keyof typeof OS_IMAGES],
  arch: string,
  createdAt: string,
) {
  const resources = {
    cpu: '4',
    'ephemeral-storage': '98831908Ki',
    memory: '16375636Ki',
    pods: '110',
  };
  return {
    capacity: resources,
    allocatable: { ...resources, cpu: '3920m', memory: '13288276Ki' },
    conditions: [
      {
        type: 'Ready',
        status: 'True',
        reason: 'KubeletReady',
        message: 'kubelet is posting ready status',
        lastHeartbeatTime: createdAt,
        lastTransitionTime: createdAt,
      },
    ],
    daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
    nodeInfo: {
      architecture: arch,
      containerRuntimeVersion: 'containerd://1.7.24',
      kernelVersion: os.kernelVersion,
      kubeProxyVersion: GKE_VERSION,
      kubeletVersion: GKE_VERSION,
      operatingSystem: os.operatingSystem,
      osImage: os.osImage,
      machineID: '',
      systemUUID: '',
      bootID: '',
    },
  };
}
