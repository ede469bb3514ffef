import { TestApiProvider } from '@backstage/frontend-test-utils';
import type { ClusterStatus } from '@cos-auditd/backstage-plugin-cos-auditd-common';
import { act, renderHook, waitFor } from '@testing-library/react';
import { ReactNode } from 'react';
import { clusterStatus, DEMO_CLUSTER } from '../../__testUtils__/factories';
import { CosAuditdApi, cosAuditdApiRef } from '../../api';
import { useClusterStatus, UseClusterStatusOptions } from './useClusterStatus';

const ENTITY = DEMO_CLUSTER;

function renderStatusHook(
  getStatus: jest.Mock<Promise<ClusterStatus>, any[]>,
  options: UseClusterStatusOptions,
) {
  const api = { getStatus } as unknown as CosAuditdApi;
  const wrapper = ({ children }: { children: ReactNode }) => (
    <TestApiProvider apis={[[cosAuditdApiRef, api]]}>
      {children}
    </TestApiProvider>
  );
  return renderHook(
    (props: UseClusterStatusOptions) =>
      useClusterStatus(ENTITY, undefined, props),
    { wrapper, initialProps: options },
  );
}

const wait = (ms: number) =>
  act(() => new Promise<void>(resolve => setTimeout(resolve, ms)));

describe('useClusterStatus', () => {
  it('reads again when the refresh key changes, keeping the last status meanwhile', async () => {
    let answer: (status: ClusterStatus) => void = () => {};
    const getStatus = jest
      .fn<Promise<ClusterStatus>, any[]>()
      .mockResolvedValueOnce(clusterStatus('not-installed'))
      .mockImplementationOnce(
        () => new Promise<ClusterStatus>(resolve => (answer = resolve)),
      );
    const { result, rerender } = renderStatusHook(getStatus, { refreshKey: 0 });
    await waitFor(() =>
      expect(result.current.value?.phase).toBe('not-installed'),
    );

    rerender({ refreshKey: 1 });
    await waitFor(() => expect(result.current.loading).toBe(true));
    expect(result.current.value?.phase).toBe('not-installed');
    expect(getStatus).toHaveBeenCalledTimes(2);

    act(() => answer(clusterStatus('rolling-out')));
    await waitFor(() =>
      expect(result.current.value?.phase).toBe('rolling-out'),
    );
  });

  it('does not read again when only other options change', async () => {
    const getStatus = jest.fn(async () => clusterStatus('active'));
    const { result, rerender } = renderStatusHook(getStatus, { refreshKey: 3 });
    await waitFor(() => expect(result.current.value?.phase).toBe('active'));
    rerender({ refreshKey: 3, pollIntervalMs: 10 });
    await wait(60);
    expect(getStatus).toHaveBeenCalledTimes(1);
  });

  it('polls a settled phase while pollWhile is true, and stops after', async () => {
    const getStatus = jest.fn(async () => clusterStatus('active'));
    const { rerender } = renderStatusHook(getStatus, {
      pollIntervalMs: 20,
      pollWhile: true,
    });
    await waitFor(() => expect(getStatus.mock.calls.length).toBeGreaterThan(2));

    rerender({ pollIntervalMs: 20, pollWhile: false });
    await wait(30);
    const calls = getStatus.mock.calls.length;
    await wait(120);
    expect(getStatus).toHaveBeenCalledTimes(calls);
  });
});
