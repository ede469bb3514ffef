import { parseFluentBitConfig, sectionValues } from './parseFluentBitConfig';

describe('parseFluentBitConfig', () => {
  it('reads sections and their Key Value lines, skipping comments', () => {
    const config = parseFluentBitConfig(
      [
        '[SERVICE]',
        '    Flush 5',
        '',
        '[filter]',
        '    # why',
        '    Name   grep',
        '    Exclude MESSAGE ^EOE',
      ].join('\n'),
    );

    expect(config.sections).toEqual([
      { name: 'SERVICE', entries: [['Flush', '5']] },
      {
        name: 'FILTER',
        entries: [
          ['Name', 'grep'],
          ['Exclude', 'MESSAGE ^EOE'],
        ],
      },
    ]);
  });

  it('keeps repeated keys in order', () => {
    const [section] = parseFluentBitConfig(
      '[FILTER]\n  Exclude A x\n  exclude B y',
    ).sections;

    expect(sectionValues(section, 'Exclude')).toEqual(['A x', 'B y']);
  });

  it('notes and ignores @INCLUDE and @SET', () => {
    const config = parseFluentBitConfig(
      '@SET a=b\n@INCLUDE other.conf\n[INPUT]\n  Name systemd',
    );

    expect(config.notes).toEqual([
      'line 1: @SET is ignored',
      'line 2: @INCLUDE is ignored',
    ]);
    expect(config.sections).toHaveLength(1);
  });
});
