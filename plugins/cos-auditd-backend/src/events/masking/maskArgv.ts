/** What a masked secret is replaced with. */
export const MASK = '***';

/**
 * Words that make an option or variable name secret: `--password`,
 * `--db-password`, `GITHUB_TOKEN`, `--client-secret`, `--api-key`…
 */
const SECRET_WORDS = new Set([
  'password',
  'passwd',
  'passphrase',
  'token',
  'secret',
  'apikey',
  'bearer',
]);

/**
 * Words that are secret only as the name's last word: `--db-pass`,
 * `MYSQL_PWD`, openssl's `-pass`; not `--pass-through`.
 */
const SECRET_LAST_WORDS = new Set(['pass', 'pwd']);

/**
 * A last word that makes the name about a secret, not the secret itself:
 * `--password-file=/path`, `--token-ttl=1h`, `--secret-name=db`,
 * `--password-stdin` (a flag without value).
 */
const NOT_A_VALUE = new Set([
  'file',
  'path',
  'dir',
  'stdin',
  'fd',
  'env',
  'name',
  'type',
  'ttl',
  'prompt',
  'length',
  'command',
  'cmd',
  'only',
]);

/** `KEY=` names that hold a secret whose words do not show it. */
const EXACT_NOT_SECRET = new Set(['pwd', 'oldpwd']);

/**
 * Tools whose short `-p` (or `-a`, `-u`) takes a password, with how:
 * `attached` only for `-pSECRET` (mysql's `-p secret` prompts and takes
 * `secret` as the database), `both` also for `-p SECRET`. Only tools
 * where the letter always means a password, so `ssh -p 22` or
 * `docker run -p 80:80` stay as they are.
 */
const SHORT_PASSWORD_FLAGS: Record<
  string,
  { flag: string; form: 'attached' | 'both'; needs?: string }
> = {
  mysql: { flag: 'p', form: 'attached' },
  mysqldump: { flag: 'p', form: 'attached' },
  mysqladmin: { flag: 'p', form: 'attached' },
  mysqlimport: { flag: 'p', form: 'attached' },
  mysqlshow: { flag: 'p', form: 'attached' },
  mysqlcheck: { flag: 'p', form: 'attached' },
  mariadb: { flag: 'p', form: 'attached' },
  'mariadb-dump': { flag: 'p', form: 'attached' },
  sshpass: { flag: 'p', form: 'both' },
  'redis-cli': { flag: 'a', form: 'both' },
  // `docker login -p`, not `docker run -p`.
  docker: { flag: 'p', form: 'both', needs: 'login' },
  podman: { flag: 'p', form: 'both', needs: 'login' },
  nerdctl: { flag: 'p', form: 'both', needs: 'login' },
  buildah: { flag: 'p', form: 'both', needs: 'login' },
  skopeo: { flag: 'p', form: 'both', needs: 'login' },
  helm: { flag: 'p', form: 'both', needs: 'login' },
};

/** curl's `user:password` options: the password part is masked. */
const CURL_USER_OPTIONS = new Set(['-u', '--user', '-U', '--proxy-user']);

/**
 * Masks likely secrets in a command line, conservatively: what it cannot
 * tell apart from ordinary arguments is left alone.
 *
 * - options named like a secret: `--password=X`, `--password X`,
 *   `-token X`, `--client-secret=X`, `--api-key X`, `--db-pass=X`
 *   (not `--password-file`, `--password-stdin`, `--secret-name`…; the
 *   next argument is not taken when it starts with `--`);
 * - `KEY=value` with a secret word in KEY (`GITHUB_TOKEN=…`,
 *   `MYSQL_PWD=…`, `password=…` in `-o user=a,password=b` or a URL query);
 * - header values: `Authorization: Bearer X` (the scheme is kept),
 *   `X-Api-Key: X`, `Private-Token: X`, `Cookie: …`;
 * - URL passwords: `https://user:X@host`;
 * - curl's `-u user:X`;
 * - short password flags of a few tools that always mean a password:
 *   mysql/mariadb `-pX` (attached only), `sshpass -p X`,
 *   `redis-cli -a X`, `docker|podman|helm… login -p X`.
 *
 * Secrets are replaced by `***`; returns a new array (the same values
 * when nothing is masked).
 */
export function maskArgv(argv: readonly string[]): string[] {
  const tool = argv.length > 0 ? basename(argv[0]) : '';
  const short = SHORT_PASSWORD_FLAGS[tool];
  const shortApplies =
    short !== undefined &&
    (short.needs === undefined || argv.includes(short.needs));
  const masked: string[] = new Array(argv.length);
  let maskNext = false;
  let userNext = false;
  // argv[0] is the program, not an argument.
  if (argv.length > 0) {
    masked[0] = argv[0];
  }
  for (let i = 1; i < argv.length; i++) {
    const arg = argv[i];
    if (maskNext) {
      maskNext = false;
      if (!arg.startsWith('--')) {
        masked[i] = MASK;
        continue;
      }
    }
    if (userNext) {
      userNext = false;
      masked[i] = maskUserPassword(arg);
      continue;
    }
    let out = arg;
    if (arg.length > 1 && arg.charCodeAt(0) === 0x2d /* - */) {
      const option = optionOf(arg);
      if (option !== undefined) {
        if (option.value === undefined) {
          maskNext = true;
          masked[i] = arg;
          continue;
        }
        if (option.value !== '') {
          out = `${arg.slice(0, option.valueStart)}${MASK}`;
        }
      } else if (shortApplies && isShortFlag(arg, short!.flag)) {
        if (arg.length === 2) {
          maskNext = short!.form === 'both';
        } else {
          out = `-${short!.flag}${MASK}`;
        }
      } else if (tool === 'curl' && CURL_USER_OPTIONS.has(arg)) {
        userNext = true;
      } else if (tool === 'curl' && arg.startsWith('-u') && arg.length > 2) {
        out = `-u${maskUserPassword(arg.slice(2))}`;
      }
    }
    if (out === arg) {
      out = maskInside(arg);
    }
    masked[i] = out;
  }
  return masked;
}

/**
 * A secret-named option: where its value starts (`--password=X`), or no
 * value when it is in the next argument (`--password X`).
 */
function optionOf(
  arg: string,
): { value: string | undefined; valueStart: number } | undefined {
  let start = 1;
  if (arg.charCodeAt(1) === 0x2d) {
    start = 2;
  }
  const equals = arg.indexOf('=');
  const nameEnd = equals < 0 ? arg.length : equals;
  // Single-dash names need two letters at least: `-p` is a short flag.
  if (nameEnd - start < 2) {
    return undefined;
  }
  const name = arg.slice(start, nameEnd);
  if (!isName(name) || !isSecretName(name)) {
    return undefined;
  }
  return equals < 0
    ? { value: undefined, valueStart: arg.length }
    : { value: arg.slice(equals + 1), valueStart: equals + 1 };
}

/** Whether a name's words say it holds a secret (see {@link SECRET_WORDS}). */
export function isSecretName(name: string): boolean {
  const lower = name.toLowerCase().replace(/^-+/, '');
  if (EXACT_NOT_SECRET.has(lower)) {
    return false;
  }
  const words = lower.split(/[-_.]/);
  if (words[0] === 'no' || NOT_A_VALUE.has(words[words.length - 1])) {
    return false;
  }
  if (SECRET_LAST_WORDS.has(words[words.length - 1])) {
    return true;
  }
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    if (SECRET_WORDS.has(word)) {
      return true;
    }
    if (word === 'api' && words[i + 1] === 'key') {
      return true;
    }
    // GITHUB_PAT, DB_PASSWORD1: a secret word with a suffix of digits.
    if (/^(password|passwd|token|secret)\d+$/.test(word)) {
      return true;
    }
  }
  return false;
}

/** Masks secrets inside one argument: `KEY=value` pairs, headers, URL passwords. */
function maskInside(arg: string): string {
  let out = arg;
  if (out.indexOf('=') > 0) {
    out = maskAssignments(out);
  }
  if (out.indexOf(':') > 0) {
    out = maskHeader(out);
    if (out.indexOf('://') > 0) {
      out = maskUrlPasswords(out);
    }
  }
  return out;
}

/**
 * `KEY=value` pairs with a secret KEY: the whole argument
 * (`DB_PASSWORD=x,y`), or one pair among `,`/`&`/`;`/`?`-separated ones
 * (`user=a,password=b`, `?access_token=x&y=1`) or after another `=`
 * (`--from-literal=password=x`).
 */
function maskAssignments(arg: string): string {
  const equals = arg.indexOf('=');
  const first = arg.slice(0, equals);
  if (equals < arg.length - 1 && isName(first) && isSecretName(first)) {
    return `${first}=${MASK}`;
  }
  let out = '';
  let last = 0;
  let i = 0;
  while (i < arg.length) {
    const eq = arg.indexOf('=', i);
    if (eq < 0) {
      break;
    }
    let start = eq;
    while (start > 0 && isNameChar(arg.charCodeAt(start - 1))) {
      start--;
    }
    const before = start === 0 ? 0 : arg.charCodeAt(start - 1);
    let end = eq + 1;
    while (end < arg.length && !isPairSeparator(arg.charCodeAt(end))) {
      end++;
    }
    if (
      start > 0 &&
      start < eq &&
      end > eq + 1 &&
      (isPairSeparator(before) || before === 0x3d) /* = */ &&
      isSecretName(arg.slice(start, eq))
    ) {
      out += `${arg.slice(last, eq + 1)}${MASK}`;
      last = end;
      i = end;
    } else {
      i = eq + 1;
    }
  }
  return last === 0 ? arg : out + arg.slice(last);
}

/** Header names whose value is a credential. */
const HEADER_SECRET =
  /(^|-)(authorization|cookie|token|secret|api-?key|password|auth)(-|$)/i;
/** Authorization schemes kept in front of the masked credentials. */
const AUTH_SCHEME = /^(\s*)([A-Za-z][A-Za-z0-9_-]*)(\s+)\S/;

/** `Authorization: Bearer X` → `Authorization: Bearer ***`; `X-Api-Key: X` → `X-Api-Key: ***`. */
function maskHeader(arg: string): string {
  const colon = arg.indexOf(':');
  const name = arg.slice(0, colon);
  if (!/^[A-Za-z0-9-]+$/.test(name) || !HEADER_SECRET.test(name)) {
    return arg;
  }
  const value = arg.slice(colon + 1);
  if (value.trim() === '') {
    return arg;
  }
  const lower = name.toLowerCase();
  if (lower === 'authorization' || lower === 'proxy-authorization') {
    const scheme = AUTH_SCHEME.exec(value);
    if (scheme) {
      return `${name}:${scheme[1]}${scheme[2]}${scheme[3]}${MASK}`;
    }
  }
  const space = /^\s*/.exec(value)![0];
  return `${name}:${space}${MASK}`;
}

/** `scheme://user:password@host` → `scheme://user:***@host`, anywhere in the argument. */
function maskUrlPasswords(arg: string): string {
  let out = '';
  let last = 0;
  let from = 0;
  for (;;) {
    const scheme = arg.indexOf('://', from);
    if (scheme < 0) {
      break;
    }
    const authority = scheme + 3;
    let end = authority;
    while (end < arg.length && !isAuthorityEnd(arg.charCodeAt(end))) {
      end++;
    }
    const at = arg.lastIndexOf('@', end - 1);
    if (at >= authority) {
      const colon = arg.indexOf(':', authority);
      if (colon >= 0 && colon < at && at > colon + 1) {
        out += `${arg.slice(last, colon + 1)}${MASK}`;
        last = at;
      }
    }
    from = end;
  }
  return last === 0 ? arg : out + arg.slice(last);
}

/** curl's `user:password` → `user:***`. */
function maskUserPassword(arg: string): string {
  const colon = arg.indexOf(':');
  return colon < 0 || colon === arg.length - 1
    ? arg
    : `${arg.slice(0, colon + 1)}${MASK}`;
}

function isShortFlag(arg: string, flag: string): boolean {
  return arg.charCodeAt(1) === flag.charCodeAt(0) && arg.charCodeAt(0) === 0x2d;
}

function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

function isName(text: string): boolean {
  if (text.length === 0) {
    return false;
  }
  for (let i = 0; i < text.length; i++) {
    if (!isNameChar(text.charCodeAt(i))) {
      return false;
    }
  }
  return true;
}

function isNameChar(c: number): boolean {
  return (
    (c >= 0x30 && c <= 0x39) ||
    (c >= 0x41 && c <= 0x5a) ||
    (c >= 0x61 && c <= 0x7a) ||
    c === 0x5f ||
    c === 0x2d ||
    c === 0x2e
  );
}

// , & ; ? and space separate key=value pairs inside one argument.
function isPairSeparator(c: number): boolean {
  return c === 0x2c || c === 0x26 || c === 0x3b || c === 0x3f || c === 0x20;
}

// The authority of a URL ends at / ? # or whitespace.
function isAuthorityEnd(c: number): boolean {
  return c === 0x2f || c === 0x3f || c === 0x23 || c === 0x20 || c === 0x09;
}
