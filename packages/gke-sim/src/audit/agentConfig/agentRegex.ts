/**
 * A fluent-bit (Onigmo, Ruby syntax) or fluentd (Ruby) pattern as a
 * JavaScript RegExp. The two agree on the patterns filters use (anchors,
 * classes, alternation, quantifiers); Ruby's `\A`, `\z`, `\Z`, `\h` and a
 * leading `(?i)` are translated. Undefined when JavaScript cannot compile it.
 */
export function agentRegex(pattern: string): RegExp | undefined {
  let source = pattern;
  let flags = '';
  if (source.startsWith('(?i)')) {
    source = source.slice(4);
    flags = 'i';
  }
  source = source
    .replace(/\\A/g, '^')
    .replace(/\\[zZ]/g, '$')
    .replace(/\\h/g, '[0-9a-fA-F]');
  try {
    return new RegExp(source, flags);
  } catch {
    return undefined;
  }
}
