import { durationMs, ThrottleFilter } from './throttleFilter';

function admitted(filter: ThrottleFilter, times: number[]): number {
  return times.filter(time => filter.admits({}, time)).length;
}

describe('ThrottleFilter', () => {
  it('admits at most Rate records per interval with a window of one', () => {
    const filter = ThrottleFilter.create({
      rate: 3,
      window: 1,
      intervalMs: 1000,
    });

    expect(admitted(filter, [0, 1, 2, 3, 4, 5])).toBe(3);
    expect(admitted(filter, [1000, 1001, 1002, 1003])).toBe(3);
  });

  it('averages over the window, so a burst may use the quiet intervals', () => {
    const filter = ThrottleFilter.create({
      rate: 2,
      window: 3,
      intervalMs: 1000,
    });

    expect(
      admitted(
        filter,
        Array.from({ length: 10 }, (_, i) => i),
      ),
    ).toBe(6);
    expect(admitted(filter, [1500, 2500])).toBe(0);
    expect(admitted(filter, [3500])).toBe(1);
  });

  it.each([
    ['5', 5000],
    ['2s', 2000],
    ['1m', 60000],
    ['1h', 3600000],
    ['soon', 1000],
  ])('reads the interval %s', (text, expected) => {
    expect(durationMs(text, 1000)).toBe(expected);
  });
});
