import { DEFAULT_IMAGES } from './images';
import { MANAGED_BY } from './names';
import { renderDisableDaemonSet } from './renderDisableDaemonSet';
import { specHash } from './specHash';

const disableDaemonSet = (images = DEFAULT_IMAGES) =>
  renderDisableDaemonSet({ entityRef: 'resource:default/prod-eu', images });

describe('renderDisableDaemonSet', () => {
  it('is the cos-auditd-disable DaemonSet, selecting its pods by name', () => {
    const daemonSet = disableDaemonSet();
    expect(daemonSet.metadata).toMatchObject({
      name: 'cos-auditd-disable',
      namespace: 'cos-auditd',
    });
    expect(daemonSet.spec?.selector.matchLabels).toEqual({
      name: 'cos-auditd-disable',
    });
    expect(daemonSet.spec?.template.metadata?.labels).toEqual({
      name: 'cos-auditd-disable',
    });
  });

  it('runs on the COS nodes the logging DaemonSet ran on, whatever their taints, in the host PID namespace', () => {
    const pod = disableDaemonSet().spec?.template.spec;
    expect(pod?.nodeSelector).toEqual({
      'cloud.google.com/gke-os-distribution': 'cos',
    });
    expect(pod?.tolerations).toEqual([
      { operator: 'Exists', effect: 'NoExecute' },
      { operator: 'Exists', effect: 'NoSchedule' },
    ]);
    expect(pod?.hostPID).toBe(true);
  });

  it('turns auditing off on the host from a privileged init container', () => {
    const [init] = disableDaemonSet().spec?.template.spec?.initContainers ?? [];
    expect(init).toMatchObject({
      name: 'cos-auditd-disable',
      image: 'ubuntu:24.04',
      securityContext: { privileged: true },
      volumeMounts: [{ name: 'host', mountPath: '/host' }],
    });
    const [shell, flag, script] = init.command ?? [];
    expect([shell, flag]).toEqual(['/bin/sh', '-c']);
    expect(script).toContain('chroot /host systemctl stop cloud-audit-setup');
    expect(script).toContain('chroot /host auditctl -e 0');
  });

  it('reports disabled, or locked when the kernel audit config is immutable, in its termination message', () => {
    const [init] = disableDaemonSet().spec?.template.spec?.initContainers ?? [];
    const script = init.command?.[2] ?? '';
    expect(script).toMatch(/'\^enabled 2'[\s\S]*outcome=locked/);
    expect(script).toMatch(/auditctl -e 0[\s\S]*outcome=disabled/);
    // Written outside the chroot: the host's /dev is not the container's.
    expect(script).toMatch(
      /^printf '%s' "\$outcome" > \/dev\/termination-log$/m,
    );
    expect(init.terminationMessagePath).toBe('/dev/termination-log');
  });

  it('keeps the pod alive with a pause container, so its outcome stays readable', () => {
    const pod = disableDaemonSet().spec?.template.spec;
    expect(pod?.containers.map(c => [c.name, c.image])).toEqual([
      ['pause', 'registry.k8s.io/pause:3.10'],
    ]);
  });

  it('runs the configured images', () => {
    const pod = disableDaemonSet({
      ...DEFAULT_IMAGES,
      disable: 'mirror/ubuntu:24.04',
      pause: 'mirror/pause:3.10',
    }).spec?.template.spec;
    expect(pod?.initContainers?.[0].image).toBe('mirror/ubuntu:24.04');
    expect(pod?.containers[0].image).toBe('mirror/pause:3.10');
  });

  it('carries the managed-by label, the entity ref and its own spec hash', () => {
    const daemonSet = disableDaemonSet();
    const { [MANAGED_BY.specHashAnnotation]: hash, ...annotations } =
      daemonSet.metadata?.annotations ?? {};
    expect(daemonSet.metadata?.labels).toEqual({
      [MANAGED_BY.label]: MANAGED_BY.value,
    });
    expect(annotations[MANAGED_BY.entityRefAnnotation]).toBe(
      'resource:default/prod-eu',
    );
    expect(hash).toBe(
      specHash({
        ...daemonSet,
        metadata: { ...daemonSet.metadata, annotations },
      }),
    );
  });
});
