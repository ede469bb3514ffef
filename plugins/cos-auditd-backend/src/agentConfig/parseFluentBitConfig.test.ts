import { parseFluentBitConfig, settingValue } from './parseFluentBitConfig';

const lines = (...text: string[]) => text.join('\n');

describe('parseFluentBitConfig', () => {
  it('reads sections with their settings in order, repeated keys kept', () => {
    const config = parseFluentBitConfig(
      lines(
        '[FILTER]',
        '    Name     grep',
        '    Exclude  MESSAGE ^a b$',
        '    Exclude  MESSAGE ^c',
        '',
        '[output]',
        '    Name stdout',
      ),
    );
    expect(config).toEqual({
      sections: [
        {
          name: 'FILTER',
          line: 1,
          settings: [
            { key: 'Name', value: 'grep' },
            { key: 'Exclude', value: 'MESSAGE ^a b$' },
            { key: 'Exclude', value: 'MESSAGE ^c' },
          ],
        },
        {
          name: 'OUTPUT',
          line: 6,
          settings: [{ key: 'Name', value: 'stdout' }],
        },
      ],
      notes: [],
    });
  });

  it('skips comments, indented or not, and blank lines', () => {
    const config = parseFluentBitConfig(
      lines('# top', '[INPUT]', '    # why', '    Name systemd', '', '   '),
    );
    expect(config.sections).toEqual([
      { name: 'INPUT', line: 2, settings: [{ key: 'Name', value: 'systemd' }] },
    ]);
    expect(config.notes).toEqual([]);
  });

  it('reads Windows line endings', () => {
    const config = parseFluentBitConfig('[INPUT]\r\n    Name systemd\r\n');
    expect(config.sections[0].settings).toEqual([
      { key: 'Name', value: 'systemd' },
    ]);
  });

  it.each([
    [
      '@INCLUDE other.conf',
      'Line 1: @INCLUDE is not followed; only this file is shown.',
    ],
    [
      '@SET region=eu',
      'Line 1: @SET is not followed; only this file is shown.',
    ],
    ['Name systemd', 'Line 1: "Name systemd" is outside any section.'],
    ['[FILTER', 'Line 1: "[FILTER" is not a valid section header.'],
  ])('notes %j and goes on', (first, note) => {
    const config = parseFluentBitConfig(
      lines(first, '[OUTPUT]', '    Name stdout'),
    );
    expect(config.notes).toEqual([note]);
    expect(config.sections).toEqual([
      { name: 'OUTPUT', line: 2, settings: [{ key: 'Name', value: 'stdout' }] },
    ]);
  });

  it('notes a key without a value', () => {
    const config = parseFluentBitConfig(
      lines('[FILTER]', '    Name grep', '    Match'),
    );
    expect(config.notes).toEqual(['Line 3: "Match" has no value.']);
    expect(config.sections[0].settings).toEqual([
      { key: 'Name', value: 'grep' },
    ]);
  });

  it('looks keys up case-insensitively, first one first', () => {
    const settings = [
      { key: 'name', value: 'grep' },
      { key: 'NAME', value: 'throttle' },
    ];
    expect(settingValue(settings, 'Name')).toBe('grep');
    expect(settingValue(settings, 'Match')).toBeUndefined();
  });
});
