import { createHash } from 'node:crypto';
import { specHash } from './specHash';

describe('specHash', () => {
  it('is the first 16 hex characters of the SHA-256 of the canonical JSON', () => {
    const expected = createHash('sha256')
      .update('{"a":1,"b":[2,{"c":"d"}]}')
      .digest('hex')
      .slice(0, 16);
    expect(specHash({ b: [2, { c: 'd' }], a: 1 })).toBe(expected);
  });

  it('does not depend on the order of object keys, at any depth', () => {
    expect(specHash({ a: 1, b: { c: 2, d: 3 } })).toBe(
      specHash({ b: { d: 3, c: 2 }, a: 1 }),
    );
  });

  it('depends on the order of array items', () => {
    expect(specHash([1, 2])).not.toBe(specHash([2, 1]));
  });

  it('leaves out undefined properties, as JSON does', () => {
    expect(specHash({ a: 1, b: undefined })).toBe(specHash({ a: 1 }));
  });

  it.each([
    [{ a: 1 }, { a: 2 }],
    [{ a: '1' }, { a: 1 }],
    [{ a: null }, { a: {} }],
    [{ a: [] }, { a: {} }],
  ])('tells %j from %j', (left, right) => {
    expect(specHash(left)).not.toBe(specHash(right));
  });
});
