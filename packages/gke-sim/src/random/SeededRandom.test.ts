import { SeededRandom } from './SeededRandom';

describe('SeededRandom', () => {
  it('repeats its sequence for the same seed and name', () => {
    const draw = () => {
      const random = SeededRandom.forName(7, 'node-a');
      return [random.next(), random.int(1, 6), random.chars('abc', 5)];
    };

    expect(draw()).toEqual(draw());
  });

  it('differs between names under one seed', () => {
    expect(SeededRandom.forName(7, 'node-a').next()).not.toEqual(
      SeededRandom.forName(7, 'node-b').next(),
    );
  });

  it.each([
    [0, 0],
    [3, 9],
  ])('keeps int(%p, %p) within its bounds', (min, max) => {
    const random = SeededRandom.create(1);
    for (let i = 0; i < 1000; i++) {
      const value = random.int(min, max);
      expect(value).toBeGreaterThanOrEqual(min);
      expect(value).toBeLessThanOrEqual(max);
    }
  });
});
