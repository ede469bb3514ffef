/** Journal field values: a field repeated in one record becomes a list (fluent-bit). */
export type JournalFields = Record<string, string | string[]>;

type Conversion = 'raw' | 'decoded' | 'printable';

/** Kernel-part keys journald maps to trusted fields (`journald-audit.c`, `map_fields_kernel`). */
const KERNEL_FIELDS: Record<string, [string, Conversion]> = {
  pid: ['_PID', 'raw'],
  ppid: ['_PPID', 'raw'],
  uid: ['_UID', 'raw'],
  euid: ['_EUID', 'raw'],
  fsuid: ['_FSUID', 'raw'],
  gid: ['_GID', 'raw'],
  egid: ['_EGID', 'raw'],
  fsgid: ['_FSGID', 'raw'],
  tty: ['_TTY', 'raw'],
  ses: ['_AUDIT_SESSION', 'raw'],
  auid: ['_AUDIT_LOGINUID', 'raw'],
  subj: ['_SELINUX_CONTEXT', 'raw'],
  comm: ['_COMM', 'decoded'],
  exe: ['_EXE', 'decoded'],
  proctitle: ['_CMDLINE', 'printable'],
  path: ['_AUDIT_FIELD_PATH', 'decoded'],
  dev: ['_AUDIT_FIELD_DEV', 'decoded'],
  name: ['_AUDIT_FIELD_NAME', 'decoded'],
};

/** Keys inside `msg='…'` that journald decodes (`map_fields_userspace`). */
const USERSPACE_DECODED = new Set(['cwd', 'cmd', 'acct', 'exe', 'comm']);

/** journald's `N_IOVEC_AUDIT_FIELDS`: later fields stay only in MESSAGE. */
const MAX_MAPPED_FIELDS = 64;

const GENERIC_KEY = /^[A-Za-z0-9_-]{1,15}$/;

/**
 * The journal fields journald derives from a record body: trusted fields
 * (`_PID`, `_EXE`…), `_AUDIT_FIELD_*` for other kernel keys (raw, quotes
 * kept) and `AUDIT_FIELD_*` for keys inside `msg='…'`. Keys with `[` or of
 * 16+ characters are not mapped.
 */
export function journaldFields(body: string): JournalFields {
  const fields: JournalFields = {};
  let mapped = 0;
  const add = (name: string, value: string) => {
    if (mapped >= MAX_MAPPED_FIELDS) {
      return;
    }
    mapped += 1;
    const existing = fields[name];
    if (existing === undefined) {
      fields[name] = value;
    } else {
      fields[name] = Array.isArray(existing)
        ? [...existing, value]
        : [existing, value];
    }
  };

  const kernelDecoded = (key: string) =>
    KERNEL_FIELDS[key] !== undefined && KERNEL_FIELDS[key][1] !== 'raw';
  for (const { key, value } of keyValues(body, kernelDecoded)) {
    if (key === 'msg' && value.startsWith("'")) {
      // journald maps nothing from a msg='… that is never closed.
      if (value.length < 2 || !value.endsWith("'")) {
        continue;
      }
      const inner = value.slice(1, -1);
      for (const pair of keyValues(inner, k => USERSPACE_DECODED.has(k))) {
        if (!GENERIC_KEY.test(pair.key)) {
          continue;
        }
        const name = `AUDIT_FIELD_${fieldSuffix(pair.key)}`;
        add(
          name,
          USERSPACE_DECODED.has(pair.key) ? decoded(pair.value) : pair.value,
        );
      }
      continue;
    }
    const known = KERNEL_FIELDS[key];
    if (known) {
      const [name, conversion] = known;
      add(name, convert(value, conversion));
    } else if (GENERIC_KEY.test(key)) {
      add(`_AUDIT_FIELD_${fieldSuffix(key)}`, value);
    }
  }
  return fields;
}

function fieldSuffix(key: string): string {
  return key.toUpperCase().replace(/-/g, '_');
}

function convert(value: string, conversion: Conversion): string {
  switch (conversion) {
    case 'raw':
      return value;
    case 'decoded':
      return decoded(value);
    default:
      // Control bytes, NUL included, become spaces in _CMDLINE.
      // eslint-disable-next-line no-control-regex
      return decoded(value).replace(/[\x00-\x1f\x7f]/g, ' ');
  }
}

/** A quoted value without its quotes, a hex value decoded, anything else as is. */
function decoded(value: string): string {
  if (value.startsWith('"')) {
    return value.slice(
      1,
      value.endsWith('"') && value.length > 1 ? -1 : undefined,
    );
  }
  if (/^([0-9A-Fa-f]{2})+$/.test(value)) {
    return Buffer.from(value, 'hex').toString('utf8');
  }
  return value;
}

/**
 * The `key=value` pairs of a record body, in order. A value runs to the
 * next space (raw values keep a quote they start with and stop at the first
 * space, as journald does), except that `msg='…'` and the quoted values of
 * decoded keys run to their closing quote. Words without `=` are skipped.
 */
function* keyValues(
  body: string,
  readsQuoted: (key: string) => boolean,
): Generator<{ key: string; value: string }> {
  let position = 0;
  while (position < body.length) {
    while (body[position] === ' ') {
      position += 1;
    }
    const start = position;
    while (
      position < body.length &&
      body[position] !== ' ' &&
      body[position] !== '='
    ) {
      position += 1;
    }
    if (body[position] !== '=') {
      continue;
    }
    const key = body.slice(start, position);
    position += 1;
    const valueStart = position;
    const quote = body[position];
    const quoted =
      (key === 'msg' && quote === "'") || (quote === '"' && readsQuoted(key));
    // msg='…' ends at the record's last quote: values inside may hold quotes.
    let end = -1;
    if (quoted) {
      end =
        key === 'msg'
          ? body.lastIndexOf(quote)
          : body.indexOf(quote, position + 1);
    }
    if (end > valueStart) {
      position = end + 1;
    } else if (quoted && key === 'msg') {
      position = body.length;
    } else {
      while (position < body.length && body[position] !== ' ') {
        position += 1;
      }
    }
    yield { key, value: body.slice(valueStart, position) };
  }
}
