import * as k8s from '@kubernetes/client-node';

/**
 * Objects shaped like the upstream fluent-bit manifest (namespace,
 * ConfigMap, privileged init container, COS node selector, tolerate-all),
 * built here so tests do not depend on the fixture file.
 */
export function cosAuditdNamespace(): k8s.KubernetesObject {
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name: 'cos-auditd' },
  };
}

export function fluentBitConfigMap(
  config = '[INPUT]\n    Name systemd\n',
): k8s.KubernetesObject & { data: Record<string, string> } {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'cos-auditd-fluent-bit-config', namespace: 'cos-auditd' },
    data: { 'fluent-bit.conf': config },
  };
}

export function loggingDaemonSet(
  options: {
    name?: string;
    image?: string;
    maxUnavailable?: number | string;
    privileged?: boolean;
  } = {},
): k8s.V1DaemonSet {
  const name = options.name ?? 'cos-auditd-logging';
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name, namespace: 'cos-auditd' },
    spec: {
      selector: { matchLabels: { name } },
      ...(options.maxUnavailable !== undefined
        ? {
            updateStrategy: {
              type: 'RollingUpdate',
              rollingUpdate: { maxUnavailable: options.maxUnavailable },
            },
          }
        : {}),
      template: {
        metadata: { labels: { name } },
        spec: {
          hostNetwork: true,
          hostPID: true,
          initContainers: [
            {
              name: 'cos-auditd-setup',
              image: 'ubuntu',
              command: [
                'chroot',
                '/host',
                'systemctl',
                'start',
                'cloud-audit-setup',
              ],
              securityContext: { privileged: options.privileged ?? true },
              volumeMounts: [{ name: 'host', mountPath: '/host' }],
            },
          ],
          containers: [
            {
              name: 'cos-auditd-fluent-bit',
              image: options.image ?? 'fluent/fluent-bit:3.1',
              env: [{ name: 'CLUSTER_NAME', value: 'test-cluster' }],
              ports: [{ name: 'metrics', containerPort: 2024 }],
              volumeMounts: [
                { name: 'config-volume', mountPath: '/fluent-bit/etc' },
              ],
            },
          ],
          nodeSelector: { 'cloud.google.com/gke-os-distribution': 'cos' },
          tolerations: [
            { operator: 'Exists', effect: 'NoExecute' },
            { operator: 'Exists', effect: 'NoSchedule' },
          ],
          volumes: [
            { name: 'host', hostPath: { path: '/' } },
            {
              name: 'config-volume',
              configMap: { name: 'cos-auditd-fluent-bit-config' },
            },
          ],
        },
      },
    },
  };
}

/** The upstream-style disable DaemonSet: a privileged init container, then a pause container. */
export function disableDaemonSet(): k8s.V1DaemonSet {
  const daemonSet = loggingDaemonSet({ name: 'cos-auditd-disable' });
  daemonSet.spec!.template.spec!.initContainers![0].name = 'cos-auditd-disable';
  daemonSet.spec!.template.spec!.containers = [
    { name: 'pause', image: 'registry.k8s.io/pause:3.10' },
  ];
  daemonSet.spec!.template.spec!.volumes = [
    { name: 'host', hostPath: { path: '/' } },
  ];
  return daemonSet;
}
