import { MAX_RETRY_DELAY_MS, retryDelayMs } from './retryDelay';

describe('retryDelayMs', () => {
  it.each([
    // retry, random, expected: half the backoff fixed, half jittered
    [1, 0, 100],
    [1, 1, 200],
    [2, 0, 200],
    [2, 0.5, 300],
    [3, 1, 800],
  ])(
    'doubles the backoff with each retry (retry %i, random %d)',
    (retry, random, expected) => {
      expect(
        retryDelayMs({ retry, baseDelayMs: 200, random: () => random }),
      ).toBe(expected);
    },
  );

  it('waits as long as the server asks when that is longer', () => {
    expect(
      retryDelayMs({
        retry: 1,
        baseDelayMs: 200,
        retryAfterMs: 1000,
        random: () => 0,
      }),
    ).toBe(1000);
  });

  it('never waits longer than the cap, whatever the server asks', () => {
    expect(
      retryDelayMs({
        retry: 1,
        baseDelayMs: 200,
        retryAfterMs: 120_000,
        random: () => 0,
      }),
    ).toBe(MAX_RETRY_DELAY_MS);
    expect(retryDelayMs({ retry: 12, baseDelayMs: 200, random: () => 1 })).toBe(
      MAX_RETRY_DELAY_MS,
    );
  });
});
