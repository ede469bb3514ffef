import * as k8s from '@kubernetes/client-node';
import { PODS } from '../kube';
import {
  applyObject,
  cosAuditdNamespace,
  disableDaemonSet,
  eventually,
  fluentBitConfigMap,
  loggingDaemonSet,
  pool,
  RunningTestCluster,
  startTestCluster,
  statusOf,
} from './__testUtils__';

/**
 * The DaemonSet controller seen through the real @kubernetes/client-node,
 * as the cos-auditd backend sees it.
 */
describe('DaemonSetController', () => {
  let running: RunningTestCluster;
  let core: k8s.CoreV1Api;
  let apps: k8s.AppsV1Api;

  async function start(spec: Parameters<typeof startTestCluster>[0] = {}) {
    running = await startTestCluster(spec);
    core = running.kubeConfig().makeApiClient(k8s.CoreV1Api);
    apps = running.kubeConfig().makeApiClient(k8s.AppsV1Api);
  }

  afterEach(async () => {
    await running?.stop();
  });

  async function install(daemonSet = loggingDaemonSet()) {
    const kubeConfig = running.kubeConfig();
    await applyObject(kubeConfig, cosAuditdNamespace());
    await applyObject(kubeConfig, fluentBitConfigMap());
    return applyObject(kubeConfig, daemonSet);
  }

  async function pods(name = 'cos-auditd-logging') {
    const list = await core.listNamespacedPod({
      namespace: 'cos-auditd',
      labelSelector: `name=${name}`,
    });
    return list.items;
  }

  function readyOn(pod: k8s.V1Pod) {
    return (
      pod.status?.conditions?.some(
        c => c.type === 'Ready' && c.status === 'True',
      ) ?? false
    );
  }

  async function rolledOut(name = 'cos-auditd-logging') {
    const ds = await apps.readNamespacedDaemonSet({
      name,
      namespace: 'cos-auditd',
    });
    const status = ds.status;
    return status &&
      status.observedGeneration === ds.metadata?.generation &&
      status.numberReady === status.desiredNumberScheduled &&
      status.updatedNumberScheduled === status.desiredNumberScheduled
      ? ds
      : undefined;
  }

  /** Watches every pod write in-process, so no moment of the rollout is missed by sampling. */
  function observeUnavailable(nodes: number): [() => number, () => void] {
    let worst = 0;
    const stop = running.cluster.store.subscribe(event => {
      if (event.resource === PODS) {
        const ready = running.cluster.store
          .list(PODS, 'cos-auditd')
          .filter(pod => readyOn(pod as k8s.V1Pod)).length;
        worst = Math.max(worst, nodes - ready);
      }
    });
    return [() => worst, stop];
  }

  function poolOf(pod: k8s.V1Pod) {
    return pod.spec!.nodeName!.replace(
      /^gke-test-cluster-(.*)-[0-9a-f]{8}-[a-z0-9]{4}$/,
      '$1',
    );
  }

  it('runs a Ready pod on every COS node and none on Ubuntu nodes', async () => {
    await start();
    await install();

    const ds = await eventually(() => rolledOut());

    expect(ds.status).toMatchObject({
      desiredNumberScheduled: 3,
      currentNumberScheduled: 3,
      numberReady: 3,
      numberAvailable: 3,
      numberMisscheduled: 0,
    });
    const all = await pods();
    expect(all.every(readyOn)).toBe(true);
    expect(all.map(poolOf).sort()).toEqual([
      'default-pool',
      'default-pool',
      'default-pool',
    ]);
  });

  it('gives pods owner references, template labels and the init container history', async () => {
    await start();
    await install();
    await eventually(() => rolledOut());

    const [pod] = await pods();

    expect(pod.metadata?.name).toMatch(/^cos-auditd-logging-[a-z0-9]{5}$/);
    expect(pod.metadata?.ownerReferences).toEqual([
      expect.objectContaining({
        kind: 'DaemonSet',
        name: 'cos-auditd-logging',
        controller: true,
      }),
    ]);
    expect(pod.metadata?.labels).toMatchObject({
      name: 'cos-auditd-logging',
      'pod-template-generation': '1',
      'controller-revision-hash': expect.any(String),
    });
    expect(
      pod.status?.initContainerStatuses?.[0].state?.terminated,
    ).toMatchObject({
      exitCode: 0,
      reason: 'Completed',
    });
    expect(pod.status?.phase).toBe('Running');
  });

  it('reports the agent nodes as ready to the audit generator', async () => {
    await start();
    await install();
    await eventually(() => rolledOut());

    const agents = running.cluster.agentReadyNodes();

    expect(agents.map(a => a.pool)).toEqual([
      'default-pool',
      'default-pool',
      'default-pool',
    ]);
    expect(agents[0]).toMatchObject({
      arch: 'amd64',
      zone: 'europe-west1-b',
      providerID: expect.stringMatching(
        /^gce:\/\/test-project\/europe-west1-b\/gke-/,
      ),
      instanceId: expect.stringMatching(/^\d+$/),
    });
  });

  it.each([
    [
      'ImagePullBackOff',
      (p: k8s.V1Pod) => p.status?.containerStatuses?.[0].state?.waiting?.reason,
      /^(ImagePullBackOff|ErrImagePull)$/,
    ],
    [
      'CrashLoopBackOff',
      (p: k8s.V1Pod) => p.status?.containerStatuses?.[0].state?.waiting?.reason,
      /^CrashLoopBackOff$/,
    ],
    [
      'InitError',
      (p: k8s.V1Pod) =>
        p.status?.initContainerStatuses?.[0].state?.waiting?.reason,
      /^CrashLoopBackOff$/,
    ],
  ] as const)(
    'keeps pods of a pool with %s from becoming Ready, and recovers when cleared',
    async (fault, reasonOf, reason) => {
      await start({ spec: { pools: [pool('healthy', 1), pool('broken', 2)] } });
      running.cluster.setFaults({ pools: { broken: fault } });
      await install();

      const failing = await eventually(async () => {
        const broken = (await pods()).filter(p => poolOf(p) === 'broken');
        return broken.length === 2 &&
          broken.every(p => reason.test(reasonOf(p) ?? ''))
          ? broken
          : undefined;
      });
      expect(failing.some(readyOn)).toBe(false);
      expect(
        (await pods()).filter(p => poolOf(p) === 'healthy').every(readyOn),
      ).toBe(true);

      running.cluster.setFaults({ pools: { broken: undefined } });
      const ds = await eventually(() => rolledOut());
      expect(ds.status?.numberReady).toBe(3);
    },
  );

  it('counts restarts and keeps the last exit code of a crash-looping container', async () => {
    await start({
      spec: { pools: [pool('broken', 1)] },
      faults: { pools: { broken: 'CrashLoopBackOff' } },
    });
    await install();

    const [pod] = await eventually(async () => {
      const list = await pods();
      return list.length === 1 &&
        (list[0].status?.containerStatuses?.[0].restartCount ?? 0) >= 2
        ? list
        : undefined;
    });

    expect(pod.status?.phase).toBe('Running');
    expect(
      pod.status?.containerStatuses?.[0].lastState?.terminated?.exitCode,
    ).toBe(1);
  });

  it('shows a failed init container as Error before backing off, with the pod Pending', async () => {
    await start({
      spec: { pools: [pool('broken', 1)] },
      faults: { pools: { broken: 'InitError' } },
    });
    await install();

    const [pod] = await eventually(async () => {
      const list = await pods();
      return list[0]?.status?.initContainerStatuses?.[0].lastState?.terminated
        ? list
        : undefined;
    });

    expect(pod.status?.phase).toBe('Pending');
    expect(
      pod.status?.initContainerStatuses?.[0].lastState?.terminated,
    ).toMatchObject({
      exitCode: 1,
      reason: 'Error',
    });
  });

  it('replaces outdated pods with at most maxUnavailable unavailable at a time', async () => {
    await start({ spec: { pools: [pool('default-pool', 6)] } });
    await install(loggingDaemonSet({ maxUnavailable: 2 }));
    await eventually(() => rolledOut());
    const [observedWorst, stopObserving] = observeUnavailable(6);

    await applyObject(
      running.kubeConfig(),
      loggingDaemonSet({ maxUnavailable: 2, image: 'fluent/fluent-bit:3.2' }),
    );
    let sampledWorst = 0;
    const ds = await eventually(async () => {
      const list = await pods();
      sampledWorst = Math.max(sampledWorst, 6 - list.filter(readyOn).length);
      return rolledOut();
    });
    stopObserving();

    expect(sampledWorst).toBeLessThanOrEqual(2);
    expect(observedWorst()).toBe(2);
    expect(ds.metadata?.generation).toBe(2);
    const images = (await pods()).map(p => p.spec?.containers[0].image);
    expect(images).toEqual(Array(6).fill('fluent/fluent-bit:3.2'));
    expect(
      (await pods()).every(
        p => p.metadata?.labels?.['pod-template-generation'] === '2',
      ),
    ).toBe(true);
  });

  it('accepts maxUnavailable as a percentage', async () => {
    await start({ spec: { pools: [pool('default-pool', 4)] } });
    await install(loggingDaemonSet({ maxUnavailable: '50%' }));
    await eventually(() => rolledOut());

    await applyObject(
      running.kubeConfig(),
      loggingDaemonSet({
        maxUnavailable: '50%',
        image: 'fluent/fluent-bit:3.2',
      }),
    );
    let worst = 0;
    await eventually(async () => {
      worst = Math.max(worst, 4 - (await pods()).filter(readyOn).length);
      return rolledOut();
    });

    expect(worst).toBeLessThanOrEqual(2);
  });

  it('removes the pods of nodes that go away', async () => {
    await start();
    await install();
    await eventually(() => rolledOut());

    running.cluster.resizePool('default-pool', 1);

    const ds = await eventually(async () => {
      const current = await rolledOut();
      return current?.status?.desiredNumberScheduled === 1
        ? current
        : undefined;
    });
    expect(ds.status?.currentNumberScheduled).toBe(1);
    expect(await pods()).toHaveLength(1);
  });

  it('puts pods on nodes that are added', async () => {
    await start();
    await install();
    await eventually(() => rolledOut());

    running.cluster.resizePool('default-pool', 5);

    const ds = await eventually(async () => {
      const current = await rolledOut();
      return current?.status?.numberReady === 5 ? current : undefined;
    });
    expect(ds.status?.desiredNumberScheduled).toBe(5);
  });

  it('deletes the pods of a deleted DaemonSet', async () => {
    await start();
    await install();
    await eventually(() => rolledOut());

    await apps.deleteNamespacedDaemonSet({
      name: 'cos-auditd-logging',
      namespace: 'cos-auditd',
    });

    await eventually(async () =>
      (await pods()).length === 0 ? true : undefined,
    );
    expect(running.cluster.agentReadyNodes()).toEqual([]);
  });

  it('replaces a pod that someone deletes', async () => {
    await start();
    await install();
    await eventually(() => rolledOut());
    const [victim] = await pods();

    await core.deleteNamespacedPod({
      name: victim.metadata!.name!,
      namespace: 'cos-auditd',
    });

    const replaced = await eventually(async () => {
      const list = await pods();
      return list.length === 3 &&
        !list.some(p => p.metadata?.name === victim.metadata?.name)
        ? list
        : undefined;
    });
    expect(replaced.map(p => p.spec?.nodeName)).toContain(
      victim.spec?.nodeName,
    );
  });

  it('reports disabled, or locked on pools whose audit stays locked, from the disable DaemonSet', async () => {
    await start({
      spec: {
        pools: [pool('open', 2), pool('locked', 1, { auditLocked: true })],
      },
    });
    await install(disableDaemonSet());
    await eventually(() => rolledOut('cos-auditd-disable'));

    const outcomes = (await pods('cos-auditd-disable')).map(p => [
      poolOf(p),
      p.status?.initContainerStatuses?.[0].state?.terminated?.message,
      readyOn(p),
    ]);

    expect(outcomes.sort()).toEqual([
      ['locked', 'locked', true],
      ['open', 'disabled', true],
      ['open', 'disabled', true],
    ]);
  });

  it('is refused on Autopilot when a container is privileged, like GKE Warden', async () => {
    await start({ spec: { autopilot: true } });
    await applyObject(running.kubeConfig(), cosAuditdNamespace());

    const { code, body } = await statusOf(
      applyObject(running.kubeConfig(), loggingDaemonSet()),
    );

    expect(code).toBe(403);
    expect(body.message).toMatch(/GKE Warden/);
    expect(body.message).toMatch(
      /cos-auditd-setup is privileged; not allowed in Autopilot/,
    );
  });

  it('is accepted on Autopilot without privileged containers', async () => {
    await start({ spec: { autopilot: true } });
    await applyObject(running.kubeConfig(), cosAuditdNamespace());

    await applyObject(
      running.kubeConfig(),
      loggingDaemonSet({ privileged: false }),
    );

    const ds = await eventually(() => rolledOut());
    expect(ds.status?.numberReady).toBe(3);
  });
});
