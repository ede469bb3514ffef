import type {
  KubernetesObject,
  V1ConfigMap,
  V1DaemonSet,
  V1Namespace,
  V1Node,
  V1Pod,
} from '@kubernetes/client-node';
import { ResourceChange } from '@cos-auditd/backstage-plugin-cos-auditd-common';

/** Names one object to delete. */
export type ObjectRef = {
  apiVersion: string;
  kind: string;
  namespace?: string;
  name: string;
};

/**
 * The calls this plugin makes to one cluster's API server. Every call is
 * bounded by the gateway's timeout; reads are retried on transient failures,
 * writes are not.
 */
export interface ClusterClient {
  /** Every node of the cluster, read in pages. */
  listNodes(): Promise<V1Node[]>;
  /**
   * At most `limit` nodes matching an optional label selector, in one
   * request: enough to tell what kind of cluster it is without reading
   * thousands of nodes.
   */
  sampleNodes(options: {
    labelSelector?: string;
    limit: number;
  }): Promise<V1Node[]>;
  /** The pods of one namespace that match a label selector, read in pages. */
  listPods(namespace: string, labelSelector: string): Promise<V1Pod[]>;
  /** The namespace, or null when there is none. */
  getNamespace(name: string): Promise<V1Namespace | null>;
  /** The ConfigMap, or null when there is none. */
  getConfigMap(namespace: string, name: string): Promise<V1ConfigMap | null>;
  /** The DaemonSet, or null when there is none. */
  getDaemonSet(namespace: string, name: string): Promise<V1DaemonSet | null>;
  /**
   * Server-side apply with this plugin's field manager, taking over fields
   * others own (force). Says whether the object was `created`,
   * `configured` or `unchanged`; with `dryRun` what would happen, and
   * nothing is stored.
   */
  apply(
    object: KubernetesObject,
    options: { dryRun: boolean },
  ): Promise<ResourceChange>;
  /** Deletes in the background (dependents follow); `absent` when there was nothing to delete. */
  delete(ref: ObjectRef, options: { dryRun: boolean }): Promise<ResourceChange>;
}
