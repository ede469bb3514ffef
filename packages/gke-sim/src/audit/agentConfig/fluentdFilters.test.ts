import { fluentdFilters } from './fluentdFilters';

const record = { MESSAGE: 'PATH item=0', _AUDIT_TYPE_NAME: 'PATH' };

function admits(text: string): boolean {
  return fluentdFilters(text).filters.every(filter => filter.admits(record, 0));
}

describe('fluentdFilters', () => {
  it('drops what an <exclude> of a grep filter matches', () => {
    expect(
      admits(
        '<filter **>\n @type grep\n <exclude>\n  key _AUDIT_TYPE_NAME\n  pattern /^PATH$/\n </exclude>\n</filter>',
      ),
    ).toBe(false);
  });

  it('keeps only what a <regexp> matches', () => {
    expect(
      admits(
        '<filter linux-auditd>\n @type grep\n <regexp>\n  key MESSAGE\n  pattern /^SYSCALL/\n </regexp>\n</filter>',
      ),
    ).toBe(false);
  });

  it('reads the older excludeN KEY PATTERN lines', () => {
    expect(
      admits('<filter **>\n @type grep\n exclude1 MESSAGE ^PATH\n</filter>'),
    ).toBe(false);
  });

  it('ignores filters whose tag pattern does not cover linux-auditd', () => {
    expect(
      admits('<filter kube.**>\n @type grep\n exclude1 MESSAGE .\n</filter>'),
    ).toBe(true);
  });

  it('passes everything without filters', () => {
    expect(admits('<match **>\n @type google_cloud\n</match>')).toBe(true);
  });

  it('skips and counts a rule whose pattern does not compile', () => {
    const compiled = fluentdFilters(
      '<filter **>\n @type grep\n exclude1 MESSAGE (oops\n</filter>',
    );

    expect(compiled.invalidRules).toBe(1);
    expect(compiled.filters.every(filter => filter.admits(record, 0))).toBe(
      true,
    );
  });
});
