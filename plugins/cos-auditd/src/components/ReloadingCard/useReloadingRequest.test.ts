import { act, renderHook, waitFor } from '@testing-library/react';
import { useReloadingRequest } from './useReloadingRequest';

/** A request whose answers the test gives, one call at a time. */
function controlledRequest() {
  const answers: Array<{
    resolve: (value: string) => void;
    reject: (error: Error) => void;
  }> = [];
  const request = jest.fn(
    () =>
      new Promise<string>((resolve, reject) =>
        answers.push({ resolve, reject }),
      ),
  );
  return { request, answers };
}

describe('useReloadingRequest', () => {
  it('keeps the last value while a reload runs and when it fails', async () => {
    const { request, answers } = controlledRequest();
    const { result } = renderHook(() => useReloadingRequest(request));
    await act(async () => answers[0].resolve('first'));
    expect(result.current).toMatchObject({ value: 'first', loading: false });

    act(() => result.current.retry());
    expect(result.current).toMatchObject({ value: 'first', loading: true });
    await act(async () => answers[1].reject(new Error('API server timed out')));

    expect(result.current.value).toBe('first');
    expect(result.current.error?.message).toBe('API server timed out');
    expect(result.current.loading).toBe(false);
  });

  it('keeps only the newest answer when an older one arrives late', async () => {
    const { request, answers } = controlledRequest();
    const { result } = renderHook(() => useReloadingRequest(request));
    act(() => result.current.retry());
    await waitFor(() => expect(answers).toHaveLength(2));

    await act(async () => answers[1].resolve('newer'));
    await act(async () => answers[0].resolve('older'));
    expect(result.current.value).toBe('newer');
  });

  it('reads again when the refresh key changes, not when it stays', async () => {
    const request = jest.fn(async () => 'value');
    const { rerender } = renderHook(
      ({ key }: { key: number }) => useReloadingRequest(request, key),
      { initialProps: { key: 0 } },
    );
    await waitFor(() => expect(request).toHaveBeenCalledTimes(1));
    rerender({ key: 0 });
    rerender({ key: 1 });
    await waitFor(() => expect(request).toHaveBeenCalledTimes(2));
  });

  it('starts from scratch for a new request', async () => {
    const first = jest.fn(async () => 'demo-gke-prod');
    const second = jest.fn(() => new Promise<string>(() => {}));
    const { result, rerender } = renderHook(
      ({ request }: { request: () => Promise<string> }) =>
        useReloadingRequest(request),
      { initialProps: { request: first } },
    );
    await waitFor(() => expect(result.current.value).toBe('demo-gke-prod'));
    rerender({ request: second });
    await waitFor(() => expect(result.current.loading).toBe(true));
    expect(result.current.value).toBeUndefined();
  });
});
