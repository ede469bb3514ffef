import { renderInTestApp } from '@backstage/frontend-test-utils';
import type {
  ClusterStatus,
  NodeStatus,
} from '@cos-auditd/backstage-plugin-cos-auditd-common';
import { ROLLOUT_PHASE_DESCRIPTIONS } from '@cos-auditd/backstage-plugin-cos-auditd-common';
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { CosAuditdApi, cosAuditdApiRef } from '../../api';
import { RolloutCard, RolloutCardView } from './RolloutCard';

const ENTITY = 'resource:default/demo-gke-prod';

function node(name: string, overrides: Partial<NodeStatus> = {}): NodeStatus {
  return {
    name,
    pool: 'default-pool',
    osImage: 'Container-Optimized OS from Google',
    cos: true,
    covered: true,
    pod: {
      name: `cos-auditd-${name}`,
      phase: 'Running',
      ready: true,
      restarts: 0,
    },
    ...overrides,
  };
}

function status(overrides: Partial<ClusterStatus> = {}): ClusterStatus {
  const phase = overrides.phase ?? 'active';
  return {
    entityRef: ENTITY,
    phase,
    message: ROLLOUT_PHASE_DESCRIPTIONS[phase],
    daemonSet: {
      name: 'cos-auditd-logging',
      desired: 4,
      current: 4,
      ready: 3,
      updated: 4,
      available: 3,
      misscheduled: 0,
      generation: 1,
      observedGeneration: 1,
    },
    nodes: [
      node('node-a'),
      node('node-b'),
      node('node-c'),
      node('node-broken', {
        covered: false,
        reason: 'Its agent pod is not ready',
        pod: {
          name: 'cos-auditd-node-broken',
          phase: 'Pending',
          ready: false,
          restarts: 7,
          reason: 'ImagePullBackOff',
        },
      }),
      node('node-ubuntu', {
        osImage: 'Ubuntu 22.04',
        cos: false,
        covered: false,
        pod: undefined,
      }),
    ],
    agent: 'fluent-bit',
    drift: [],
    checkedAt: '2024-05-01T10:00:00.000Z',
    ...overrides,
  };
}

function fakeApi(
  getStatus: jest.Mock<Promise<ClusterStatus>, any[]>,
): CosAuditdApi {
  return { getStatus } as unknown as CosAuditdApi;
}

async function renderCard(
  getStatus: jest.Mock<Promise<ClusterStatus>, any[]>,
  props: { authProvider?: string; pollIntervalMs?: number } = {},
) {
  return renderInTestApp(<RolloutCard entityRef={ENTITY} {...props} />, {
    apis: [[cosAuditdApiRef, fakeApi(getStatus)]],
  });
}

describe('RolloutCard', () => {
  it('shows progress while loading', async () => {
    const getStatus = jest.fn(() => new Promise<ClusterStatus>(() => {}));
    await renderCard(getStatus);
    expect(await screen.findByTestId('progress')).toBeInTheDocument();
  });

  it('shows the error of a failed request', async () => {
    const getStatus = jest.fn(async () => {
      throw new Error('permission denied for demo-gke-prod');
    });
    await renderCard(getStatus);
    expect(
      (await screen.findAllByText(/permission denied for demo-gke-prod/))
        .length,
    ).toBeGreaterThan(0);
  });

  it('passes the auth provider to the API', async () => {
    const getStatus = jest.fn(async () => status());
    await renderCard(getStatus, { authProvider: 'google' });
    expect(await screen.findByText('Active')).toBeInTheDocument();
    expect(getStatus).toHaveBeenCalledWith(ENTITY, { authProvider: 'google' });
  });

  it('explains a cluster where nothing is installed', async () => {
    const getStatus = jest.fn(async () =>
      status({ phase: 'not-installed', daemonSet: null, agent: null }),
    );
    await renderCard(getStatus);
    expect(
      await screen.findByText('Audit logging is not installed on this cluster'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(ROLLOUT_PHASE_DESCRIPTIONS['not-installed']),
    ).toBeInTheDocument();
  });

  it('explains an unsupported cluster', async () => {
    const getStatus = jest.fn(async () =>
      status({
        phase: 'unsupported',
        message: 'demo-gke-prod is an Autopilot cluster.',
        daemonSet: null,
        nodes: [],
        agent: null,
      }),
    );
    await renderCard(getStatus);
    expect(
      await screen.findByText('This cluster cannot run cos-auditd'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('demo-gke-prod is an Autopilot cluster.'),
    ).toBeInTheDocument();
  });

  it('shows the message of an unreachable cluster', async () => {
    const message =
      'The cluster API server could not be reached; last reached 2024-05-01 09:00 UTC.';
    const getStatus = jest.fn(async () =>
      status({ phase: 'unreachable', message, daemonSet: null, nodes: [] }),
    );
    await renderCard(getStatus);
    expect(await screen.findByText(message)).toBeInTheDocument();
    expect(screen.getByText('Unreachable')).toBeInTheDocument();
  });

  it('says when an unreachable cluster last answered', async () => {
    const getStatus = jest
      .fn<Promise<ClusterStatus>, any[]>()
      .mockResolvedValueOnce(status({ checkedAt: '2024-05-01T09:00:00.000Z' }))
      .mockResolvedValue(
        status({
          phase: 'unreachable',
          daemonSet: null,
          nodes: [],
          checkedAt: '2024-05-01T09:05:00.000Z',
        }),
      );
    await renderCard(getStatus);
    expect(await screen.findByText('Active')).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Refresh' }));

    expect(await screen.findByText('Unreachable')).toBeInTheDocument();
    expect(
      screen.getByText(/Last reached/).querySelector('time'),
    ).toHaveAttribute('dateTime', '2024-05-01T09:00:00.000Z');
  });

  it('adds no time of its own when the cluster never answered on this page', async () => {
    const getStatus = jest.fn(async () =>
      status({ phase: 'unreachable', daemonSet: null, nodes: [] }),
    );
    await renderCard(getStatus);
    expect(await screen.findByText('Unreachable')).toBeInTheDocument();
    expect(screen.queryByText(/Last reached/)).not.toBeInTheDocument();
  });

  it('shows phase, coverage, agent, drift and nodes', async () => {
    const getStatus = jest.fn(async () =>
      status({
        phase: 'degraded',
        agent: 'fluentd-legacy',
        drift: [
          {
            kind: 'ConfigMap',
            namespace: 'cos-auditd',
            name: 'fluent-bit-config',
            message: 'the [FILTER] sections were edited by hand',
          },
        ],
      }),
    );
    await renderCard(getStatus);
    expect(await screen.findByText('Degraded')).toBeInTheDocument();
    expect(
      screen.getByText(ROLLOUT_PHASE_DESCRIPTIONS.degraded),
    ).toBeInTheDocument();
    expect(screen.getByText('3 of 4 COS nodes')).toBeInTheDocument();
    expect(screen.getByText(/fluentd \(legacy\)/)).toBeInTheDocument();
    expect(
      screen.getByText(
        /ConfigMap cos-auditd\/fluent-bit-config: the \[FILTER\] sections were edited by hand/,
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('node-broken')).toBeInTheDocument();
    expect(screen.getByText('ImagePullBackOff')).toBeInTheDocument();
    expect(screen.getByText('Its agent pod is not ready')).toBeInTheDocument();
  });

  it('filters the table down to uncovered COS nodes', async () => {
    const getStatus = jest.fn(async () => status());
    await renderCard(getStatus);
    expect(await screen.findByText('node-a')).toBeInTheDocument();
    expect(screen.getByText('node-ubuntu')).toBeInTheDocument();
    expect(screen.getByText('node-broken')).toBeInTheDocument();

    fireEvent.click(screen.getByLabelText(/Only problems/));

    await waitFor(() =>
      expect(screen.queryByText('node-a')).not.toBeInTheDocument(),
    );
    expect(screen.queryByText('node-ubuntu')).not.toBeInTheDocument();
    expect(screen.getByText('node-broken')).toBeInTheDocument();
  });

  it('pages a large node list by 20', async () => {
    const nodes = Array.from({ length: 1000 }, (_, i) =>
      node(`node-${String(i).padStart(4, '0')}`),
    );
    const getStatus = jest.fn(async () => status({ nodes }));
    await renderCard(getStatus);
    expect(await screen.findByText('node-0000')).toBeInTheDocument();
    expect(screen.getByText('node-0019')).toBeInTheDocument();
    expect(screen.queryByText('node-0020')).not.toBeInTheDocument();
  });

  it('refreshes while rolling out and stops once active', async () => {
    const getStatus = jest
      .fn<Promise<ClusterStatus>, any[]>()
      .mockResolvedValueOnce(status({ phase: 'rolling-out' }))
      .mockResolvedValueOnce(status({ phase: 'rolling-out' }))
      .mockResolvedValue(status({ phase: 'active' }));
    await renderCard(getStatus, { pollIntervalMs: 20 });

    expect(await screen.findByText('Rolling out')).toBeInTheDocument();
    expect(await screen.findByText('Active')).toBeInTheDocument();
    expect(getStatus).toHaveBeenCalledTimes(3);

    await act(() => new Promise<void>(resolve => setTimeout(resolve, 150)));
    expect(getStatus).toHaveBeenCalledTimes(3);
  });

  it('does not refresh a settled cluster', async () => {
    const getStatus = jest.fn(async () => status({ phase: 'active' }));
    await renderCard(getStatus, { pollIntervalMs: 20 });
    expect(await screen.findByText('Active')).toBeInTheDocument();
    await act(() => new Promise<void>(resolve => setTimeout(resolve, 150)));
    expect(getStatus).toHaveBeenCalledTimes(1);
  });

  it('offers the call to action where nothing is installed', async () => {
    const retry = jest.fn();
    await renderInTestApp(
      <RolloutCardView
        state={{
          value: status({ phase: 'not-installed', daemonSet: null }),
          loading: false,
          retry,
        }}
        notInstalledAction={<button type="button">Enable audit logging</button>}
      />,
    );
    expect(
      screen.getByText('Audit logging is not installed on this cluster'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Enable audit logging' }),
    ).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Refresh' }));
    expect(retry).toHaveBeenCalledTimes(1);
  });

  it('counts uncovered COS nodes as problems only where the agent should run', async () => {
    const getStatus = jest.fn(async () =>
      status({
        phase: 'disabled',
        daemonSet: null,
        agent: null,
        nodes: [
          node('node-a', { covered: false, pod: undefined }),
          node('node-b', { covered: false, pod: undefined }),
        ],
      }),
    );
    await renderCard(getStatus);
    expect(
      await screen.findByText('Nodes (0 of 2 with problems)'),
    ).toBeInTheDocument();
  });
});
