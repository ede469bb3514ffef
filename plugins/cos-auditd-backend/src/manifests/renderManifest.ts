import { V1ConfigMap, V1DaemonSet, V1Namespace } from '@kubernetes/client-node';
import { FilterSpec } from '@cos-auditd/backstage-plugin-cos-auditd-common';
import { AuditdImages } from './images';
import { DESCRIPTION_ANNOTATION, markManaged } from './markManaged';
import { COS_AUDITD_OBJECTS, MANAGED_BY, POD_NAME_LABEL } from './names';
import { normalizeFilterSpec } from './normalizeFilterSpec';
import { cosNodeSelector, tolerateAll } from './podPlacement';
import { renderAgentConfig } from './renderAgentConfig';
import { specHash } from './specHash';

/** What a logging install is rendered from. */
export type ManifestOptions = {
  /** The catalog cluster entity the objects are applied for. */
  entityRef: string;
  /** The GKE cluster name Cloud Logging labels the entries with. */
  clusterName: string;
  /** The GKE zone or region Cloud Logging labels the entries with. */
  clusterLocation: string;
  images: AuditdImages;
  filters: FilterSpec;
};

/** The objects of a logging install, in the order they are applied. */
export type AuditdManifest = {
  namespace: V1Namespace;
  configMap: V1ConfigMap;
  daemonSet: V1DaemonSet;
};

const HOST_VOLUME = 'host';
const POS_FILES_DIR = '/var/lib/cos-auditd-fluent-bit/pos-files';
// Upstream's volume name, so taking over a kubectl install keeps the same keys.
const POS_FILES_VOLUME = 'varlib-cos-auditd-fluent-bit-pos-files';
const METRICS_PORT = 2024;

/**
 * The Namespace, agent ConfigMap and logging DaemonSet of today's upstream
 * fluent-bit manifest, with the cluster's name and location filled in,
 * pinned images, and this plugin's label and annotations. The pod template
 * carries the ConfigMap's hash, so a filter change rolls the pods.
 * Deterministic: the same options give deep-equal objects.
 */
export function renderManifest(options: ManifestOptions): AuditdManifest {
  const { entityRef, images } = options;
  const config = renderAgentConfig({ filters: options.filters });
  const { namespace, fluentBitConfigMap } = COS_AUDITD_OBJECTS;

  const configMap = markManaged<V1ConfigMap>(
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: {
        name: fluentBitConfigMap,
        namespace,
        annotations: {
          [DESCRIPTION_ANNOTATION]:
            'fluent-bit configuration of the Linux auditd logging DaemonSet on COS nodes.',
        },
      },
      data: { [COS_AUDITD_OBJECTS.fluentBitConfigKey]: config },
    },
    entityRef,
    {
      [MANAGED_BY.filterSpecAnnotation]: JSON.stringify(
        normalizeFilterSpec(options.filters),
      ),
    },
  );

  return {
    namespace: markManaged<V1Namespace>(
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } },
      entityRef,
    ),
    configMap,
    daemonSet: markManaged(
      loggingDaemonSet(options, images, specHash(configMap.data)),
      entityRef,
    ),
  };
}

function loggingDaemonSet(
  options: ManifestOptions,
  images: AuditdImages,
  configHash: string,
): V1DaemonSet {
  const name = COS_AUDITD_OBJECTS.loggingDaemonSet;
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: {
      name,
      namespace: COS_AUDITD_OBJECTS.namespace,
      annotations: {
        [DESCRIPTION_ANNOTATION]:
          'Enables Linux auditd logging on COS nodes and ships the records to Cloud Logging.',
      },
    },
    spec: {
      selector: { matchLabels: { [POD_NAME_LABEL]: name } },
      template: {
        metadata: {
          labels: { [POD_NAME_LABEL]: name },
          annotations: { [MANAGED_BY.configHashAnnotation]: configHash },
        },
        spec: {
          // The agent reaches the node's metadata server for Google credentials.
          hostNetwork: true,
          hostPID: true,
          dnsPolicy: 'Default',
          initContainers: [
            {
              name: COS_AUDITD_OBJECTS.setupInitContainer,
              image: images.setup,
              command: [
                'chroot',
                '/host',
                'systemctl',
                'start',
                'cloud-audit-setup',
              ],
              securityContext: { privileged: true },
              volumeMounts: [{ name: HOST_VOLUME, mountPath: '/host' }],
              resources: { requests: { memory: '10Mi', cpu: '10m' } },
            },
          ],
          containers: [
            {
              name: COS_AUDITD_OBJECTS.fluentBitContainer,
              image: images.agent,
              imagePullPolicy: 'IfNotPresent',
              securityContext: {
                allowPrivilegeEscalation: false,
                // Reading the journal needs no more than bypassing file permissions.
                capabilities: { drop: ['ALL'], add: ['DAC_OVERRIDE'] },
              },
              env: [
                {
                  name: 'NODE_NAME',
                  valueFrom: {
                    fieldRef: { apiVersion: 'v1', fieldPath: 'spec.nodeName' },
                  },
                },
                { name: 'CLUSTER_NAME', value: options.clusterName },
                { name: 'CLUSTER_LOCATION', value: options.clusterLocation },
              ],
              livenessProbe: {
                httpGet: { path: '/', port: METRICS_PORT },
                initialDelaySeconds: 120,
                periodSeconds: 60,
                timeoutSeconds: 5,
              },
              ports: [{ name: 'metrics', containerPort: METRICS_PORT }],
              resources: {
                limits: { cpu: '1', memory: '500Mi' },
                requests: { cpu: '100m', memory: '200Mi' },
              },
              terminationMessagePath: '/dev/termination-log',
              terminationMessagePolicy: 'File',
              volumeMounts: [
                { name: 'varlog', mountPath: '/var/log' },
                { name: POS_FILES_VOLUME, mountPath: POS_FILES_DIR },
                { name: 'config-volume', mountPath: '/fluent-bit/etc' },
              ],
            },
          ],
          nodeSelector: cosNodeSelector(),
          restartPolicy: 'Always',
          // Lets the agent flush its buffer (Grace 120 in the config) on shutdown.
          terminationGracePeriodSeconds: 120,
          tolerations: tolerateAll(),
          volumes: [
            { name: HOST_VOLUME, hostPath: { path: '/' } },
            { name: 'varlog', hostPath: { path: '/var/log' } },
            {
              name: POS_FILES_VOLUME,
              hostPath: { path: POS_FILES_DIR, type: 'DirectoryOrCreate' },
            },
            {
              name: 'config-volume',
              configMap: { name: COS_AUDITD_OBJECTS.fluentBitConfigMap },
            },
          ],
        },
      },
      updateStrategy: {
        type: 'RollingUpdate',
        rollingUpdate: { maxUnavailable: 1 },
      },
    },
  };
}
