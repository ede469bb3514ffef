import { jsonPatch, mergePatch, strategicMergePatch } from './patches';

describe('mergePatch', () => {
  it('merges objects, replaces lists and removes fields set to null', () => {
    const target = { a: { b: 1, c: 2 }, list: [1, 2], gone: true };

    expect(mergePatch(target, { a: { c: 3 }, list: [3], gone: null })).toEqual({
      a: { b: 1, c: 3 },
      list: [3],
    });
  });
});

describe('strategicMergePatch', () => {
  it('merges containers by name', () => {
    const target = {
      containers: [
        { name: 'a', image: '1' },
        { name: 'b', image: '1' },
      ],
    };

    expect(
      strategicMergePatch(target, { containers: [{ name: 'b', image: '2' }] }),
    ).toEqual({
      containers: [
        { name: 'a', image: '1' },
        { name: 'b', image: '2' },
      ],
    });
  });
});

describe('jsonPatch', () => {
  it('applies add, replace and remove operations', () => {
    const target = { metadata: { labels: { a: '1' } }, list: [1] };

    expect(
      jsonPatch(target, [
        { op: 'add', path: '/metadata/labels/b', value: '2' },
        { op: 'replace', path: '/metadata/labels/a', value: 'x' },
        { op: 'add', path: '/list/-', value: 2 },
        { op: 'remove', path: '/list/0' },
      ]),
    ).toEqual({ metadata: { labels: { a: 'x', b: '2' } }, list: [2] });
  });

  it('fails a test operation that does not hold with 422', () => {
    expect(() =>
      jsonPatch({ a: 1 }, [{ op: 'test', path: '/a', value: 2 }]),
    ).toThrow(expect.objectContaining({ code: 422 }));
  });
});
