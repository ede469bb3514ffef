import { AuditFields } from './AuditFields';

describe('AuditFields', () => {
  const fields = AuditFields.from([
    ['pid', '1'],
    ['uid', '0'],
    ['pid', '2'],
    ['__proto__', 'x'],
  ]);

  it('is a read-only map whose repeated keys keep their first value', () => {
    expect(fields.size).toBe(3);
    expect(fields.get('pid')).toBe('1');
    expect(fields.has('uid')).toBe(true);
    expect(fields.has('gid')).toBe(false);
    expect(fields.get('gid')).toBeUndefined();
    expect([...fields.keys()]).toEqual(['pid', 'uid', '__proto__']);
    expect([...fields.values()]).toEqual(['1', '0', 'x']);
    expect(new Map(fields)).toEqual(
      new Map([
        ['pid', '1'],
        ['uid', '0'],
        ['__proto__', 'x'],
      ]),
    );
    expect(fields.keyAt(1)).toBe('uid');
    expect(fields.valueAt(1)).toBe('0');
  });

  it('calls forEach with value, key and itself', () => {
    const seen: string[] = [];
    fields.forEach((value, key, map) => {
      expect(map).toBe(fields);
      seen.push(`${key}=${value}`);
    });
    expect(seen).toEqual(['pid=1', 'uid=0', '__proto__=x']);
  });

  it('compares by content in test matchers', () => {
    expect(AuditFields.from([['a', '1']])).toEqual(
      AuditFields.from([['a', '1']]),
    );
    expect(AuditFields.from([['a', '1']])).not.toEqual(
      AuditFields.from([['a', '2']]),
    );
  });

  it('turns into a plain object without touching prototypes', () => {
    const json = fields.toJSON();

    expect(Object.getPrototypeOf(json)).toBe(Object.prototype);
    expect(Object.keys(json)).toEqual(['pid', 'uid', '__proto__']);
    expect(JSON.stringify(fields)).toBe(
      '{"pid":"1","uid":"0","__proto__":"x"}',
    );
  });
});
