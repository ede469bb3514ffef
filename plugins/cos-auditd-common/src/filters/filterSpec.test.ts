import { validateFilterSpec } from './filterSpec';

describe('validateFilterSpec', () => {
  it.each([
    {},
    { preset: 'full' },
    { preset: 'balanced', excludeSyscalls: ['mmap', 'setsockopt'] },
    { preset: 'exec-and-login', excludeRecordTypes: ['PROCTITLE'] },
    { excludeExecutables: ['/usr/bin/ls', '/opt/tool-1.2/bin/run_it'] },
    { throttle: { rate: 1000, window: 5, interval: '1s' } },
  ])('accepts %o', spec => {
    expect(validateFilterSpec(spec)).toEqual({ valid: true, spec });
  });

  it.each([
    [
      { preset: 'everything' },
      /^preset: preset must be one of full, balanced, exec-and-login/,
    ],
    [{ unknown: 1 }, /unknown/i],
    [
      { excludeRecordTypes: ['EXECVE\n[OUTPUT]'] },
      /^excludeRecordTypes\[0\]: .* is not an audit record type name/,
    ],
    [{ excludeRecordTypes: ['execve'] }, /is not an audit record type name/],
    [
      { excludeSyscalls: ['fork2'] },
      /^excludeSyscalls\[0\]: "fork2" is not a known syscall name/,
    ],
    [{ excludeSyscalls: ['mmap', 'mmap'] }, /must not repeat/],
    [{ excludeSyscalls: ['__proto__'] }, /is not a known syscall name/],
    [{ excludeExecutables: ['bin/ls'] }, /is not an absolute executable path/],
    [
      { excludeExecutables: ['/usr/../bin/sh'] },
      /is not an absolute executable path/,
    ],
    [
      { excludeExecutables: ['/bin/sh\n[FILTER]'] },
      /is not an absolute executable path/,
    ],
    [
      { excludeExecutables: ['/bin/a b'] },
      /is not an absolute executable path/,
    ],
    [
      { excludeExecutables: ['/bin/"x"'] },
      /is not an absolute executable path/,
    ],
    [{ excludeExecutables: ['/bin/x$'] }, /is not an absolute executable path/],
    [{ excludeExecutables: [`/${'a'.repeat(300)}`] }, /at most 256 characters/],
    [
      {
        excludeExecutables: Array.from({ length: 65 }, (_, i) => `/bin/t${i}`),
      },
      /at most 64 executables/,
    ],
    [{ throttle: { rate: 0, window: 5, interval: '1s' } }, /^throttle\.rate/],
    [
      { throttle: { rate: 1, window: 5, interval: '1 s' } },
      /interval is a number and a unit/,
    ],
    [{ throttle: { rate: 1, window: 5 } }, /^throttle\.interval/],
    [{ throttle: { rate: 1, window: 5, interval: '1s', burst: 3 } }, /burst/],
    ['preset=full', /object/],
    [null, /object/],
  ])('refuses %o', (input, problem) => {
    const result = validateFilterSpec(input);
    expect(result.valid).toBe(false);
    expect(result.valid ? [] : result.problems).toContainEqual(
      expect.stringMatching(problem),
    );
  });
});
