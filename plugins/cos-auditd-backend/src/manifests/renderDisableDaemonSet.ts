import { V1DaemonSet } from '@kubernetes/client-node';
import { AuditdImages } from './images';
import { DESCRIPTION_ANNOTATION, markManaged } from './markManaged';
import { COS_AUDITD_OBJECTS, POD_NAME_LABEL } from './names';
import { cosNodeSelector, tolerateAll } from './podPlacement';

/**
 * The script of the disable init container. Only `systemctl` and `auditctl`
 * run on the host (through chroot); the test of their output and the
 * termination message stay in the container, whose /dev/termination-log is
 * the one the kubelet reads. When the kernel's audit configuration is
 * locked (`enabled 2`), nothing can turn it off until the node is
 * recreated, so that is reported instead of failing.
 */
export const DISABLE_SCRIPT = [
  'set -u',
  'chroot /host systemctl stop cloud-audit-setup || true',
  "if chroot /host auditctl -s | grep -q '^enabled 2'; then",
  '  outcome=locked',
  "elif chroot /host auditctl -e 0 && chroot /host auditctl -s | grep -q '^enabled 0'; then",
  '  outcome=disabled',
  'else',
  "  echo 'auditctl could not turn auditing off' >&2",
  '  exit 1',
  'fi',
  'printf \'%s\' "$outcome" > /dev/termination-log',
].join('\n');

/**
 * The DaemonSet that turns audit logging off on every COS node: a
 * short-lived privileged init container runs {@link DISABLE_SCRIPT} and
 * reports `disabled` or `locked` as its termination message; then a pause
 * container keeps the pod, so its outcome stays readable until the
 * DaemonSet is deleted.
 */
export function renderDisableDaemonSet(options: {
  entityRef: string;
  images: AuditdImages;
}): V1DaemonSet {
  const name = COS_AUDITD_OBJECTS.disableDaemonSet;
  return markManaged<V1DaemonSet>(
    {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: {
        name,
        namespace: COS_AUDITD_OBJECTS.namespace,
        annotations: {
          [DESCRIPTION_ANNOTATION]:
            'Turns Linux auditd logging off on COS nodes; deleted once it has run on every node.',
        },
      },
      spec: {
        selector: { matchLabels: { [POD_NAME_LABEL]: name } },
        template: {
          metadata: { labels: { [POD_NAME_LABEL]: name } },
          spec: {
            hostPID: true,
            initContainers: [
              {
                name: COS_AUDITD_OBJECTS.disableInitContainer,
                image: options.images.disable,
                command: ['/bin/sh', '-c', DISABLE_SCRIPT],
                securityContext: { privileged: true },
                volumeMounts: [{ name: 'host', mountPath: '/host' }],
                resources: { requests: { memory: '10Mi', cpu: '10m' } },
                terminationMessagePath: '/dev/termination-log',
                // On failure the script's error output becomes the message.
                terminationMessagePolicy: 'FallbackToLogsOnError',
              },
            ],
            containers: [
              {
                name: 'pause',
                image: options.images.pause,
                resources: { requests: { memory: '4Mi', cpu: '1m' } },
              },
            ],
            nodeSelector: cosNodeSelector(),
            tolerations: tolerateAll(),
            terminationGracePeriodSeconds: 5,
            volumes: [{ name: 'host', hostPath: { path: '/' } }],
          },
        },
      },
    },
    options.entityRef,
  );
}
