import { Clock } from '../../clock';
import { ClusterFaults } from '../../config/types';
import { KubeObject } from '../objects';
import { ResourceType } from '../resources';
import { ObjectStore } from '../store';

/** A write that admission control may refuse. */
export type AdmissionRequest = {
  operation: 'create' | 'update';
  resource: ResourceType;
  object: KubeObject;
  user: string;
};

/**
 * What the Kubernetes API server serves: a cluster's objects, its faults,
 * and its admission rules. SimulatedCluster is the one implementation.
 */
export interface KubeApiBackend {
  readonly store: ObjectStore;
  readonly clock: Clock;
  /** The Kubernetes version the API reports, e.g. `v1.32.4-gke.1106006`. */
  readonly kubernetesVersion: string;
  faults(): ClusterFaults;
  /** Calls `listener` whenever the faults change; returns the function that stops it. */
  onFaultsChange(listener: (faults: ClusterFaults) => void): () => void;
  /** Throws a KubeError to refuse a write, as an admission webhook would. */
  admit(request: AdmissionRequest): void;
}
