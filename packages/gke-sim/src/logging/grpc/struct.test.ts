import { JsonObject } from '../LogEntryJson';
import { jsonToStruct, structToJson } from './struct';

describe('Struct conversion', () => {
  it('round-trips strings, numbers, bools, null, lists and nested objects', () => {
    const json: JsonObject = {
      s: 'text',
      n: 1.5,
      b: true,
      z: null,
      l: [1, 'two', [false], { k: null }],
      o: { p: { q: 'deep' } },
    };

    expect(structToJson(jsonToStruct(json))).toEqual(json);
  });

  it('encodes null as NULL_VALUE and lists as listValue', () => {
    expect(jsonToStruct({ z: null, l: ['a'] })).toEqual({
      fields: {
        z: { nullValue: 'NULL_VALUE' },
        l: { listValue: { values: [{ stringValue: 'a' }] } },
      },
    });
  });

  it('reads decoded Values by their oneof kind, zero values included', () => {
    expect(
      structToJson({
        fields: {
          zero: { kind: 'numberValue', numberValue: 0 },
          empty: { kind: 'stringValue', stringValue: '' },
          no: { kind: 'boolValue', boolValue: false },
          none: { kind: 'nullValue', nullValue: 'NULL_VALUE' },
        },
      }),
    ).toEqual({ zero: 0, empty: '', no: false, none: null });
  });
});
