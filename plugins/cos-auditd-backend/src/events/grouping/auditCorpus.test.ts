import {
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { constants, tmpdir } from 'node:os';
import path from 'node:path';
import {
  AuditEvent,
  ExecveEvent,
  LoginEvent,
} from '@cos-auditd/backstage-plugin-cos-auditd-common';
import { startGkeSimulator } from '@cos-auditd/gke-sim';
import { mockCredentials } from '@backstage/backend-test-utils';
import type { AuditEventsPage } from '@cos-auditd/backstage-plugin-cos-auditd-common';
import {
  simulatedClusterEntity,
  simulatorConfig,
  startCosAuditdBackend,
} from '../../__testUtils__';
import { parseAuditLines, recordFromLogEntry } from '../records';
import { GroupedEvents, groupAuditEvents } from './groupAuditEvents';
import { LOGIN_RECORD_TYPES } from './recordTypes';
import {
  AusearchEvent,
  AusearchRecord,
  ausearchEvents,
  ausearchVersion,
  uidInterpreter,
} from './__testUtils__/ausearchReference';

/** The shared corpus, next to the repository (never copied into it). */
const corpus =
  process.env.COS_AUDITD_AUDIT_CORPUS ??
  path.resolve(__dirname, '../../../../../../shared/fixtures/audit-corpus');
const hasCorpus = existsSync(path.join(corpus, 'logentries.jsonl'));

if (!hasCorpus) {
  // eslint-disable-next-line no-console
  console.log(`Skipping the audit corpus test: ${corpus} does not exist`);
}

type IndexLine = {
  insertId: string;
  file: string;
  line: number;
  type: string;
  serial: number;
  audit_timestamp: string;
  node_name: string;
};

/**
 * Where our events and ausearch part ways for a reason, by `file:serial`
 * or by file: the fields not compared there, and why.
 */
const KNOWN_DIFFERENCES: Record<string, { fields: string[]; reason: string }> =
  {};
const OLD_PAM_FORMAT = {
  fields: ['result'],
  reason:
    'old PAM message `(hostname=?, addr=?, terminal=cron res=success)`: ausearch keeps the `)` in res (`success)`, so not success); we read success',
};
for (const key of [
  'audit-userspace/test.log:297',
  'audit-userspace/test.log:298',
  'audit-userspace/test.log:299',
  'audit-userspace/test2.log:287',
  'audit-userspace/test2.log:288',
  'audit-userspace/test2.log:289',
  'go-libaudit/auparse/test2.log:297',
  'go-libaudit/auparse/test2.log:298',
  'go-libaudit/auparse/test2.log:299',
]) {
  KNOWN_DIFFERENCES[key] = OLD_PAM_FORMAT;
}
const QUOTED_KERNEL_VALUES = {
  fields: ['tty', 'success'],
  reason:
    'laurel test data writes tty="(none)" and success="yes" in quotes, which the kernel never does: ausearch prints the quotes, we drop them',
};
KNOWN_DIFFERENCES['laurel/record-weblogic.txt'] = QUOTED_KERNEL_VALUES;
KNOWN_DIFFERENCES['laurel/shell-proc-trace-confusion.txt'] =
  QUOTED_KERNEL_VALUES;
KNOWN_DIFFERENCES['linux-audit-parser-rs/line-user-auth.txt:10465161'] = {
  fields: ['user', 'result', 'exe'],
  reason:
    "AppArmor subj with a space (`subj=/usr/sbin/cupsd (enforce)`): ausearch stops interpreting the record and prints msg='…' raw, quotes and all",
};

/** The one record the corpus has that is cut short, and is skipped. */
const TRUNCATED = {
  insertId: 'ir2553m92a5i0e',
  why: "go-libaudit's ubuntu-16.10 SERVICE_START: msg='unit=rsyslog … res=success is never closed",
};

const LOGIN_TYPES = new Set<string>(LOGIN_RECORD_TYPES);

function readJsonLines<T>(file: string): T[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(line => line.trim() !== '')
    .map(line => JSON.parse(line) as T);
}

(hasCorpus ? describe : describe.skip)(
  'the audit corpus against ausearch',
  () => {
    const entries = hasCorpus
      ? readJsonLines<unknown>(path.join(corpus, 'logentries.jsonl'))
      : [];
    const index = hasCorpus
      ? readJsonLines<IndexLine>(path.join(corpus, 'logentries.index.jsonl'))
      : [];

    it('reads the 820 entries, skipping only the one cut short', () => {
      expect(entries).toHaveLength(820);
      const skipped = entries
        .map(entry => recordFromLogEntry(entry))
        .filter(result => result.skipped);
      // TRUNCATED.why says which and why.
      expect(skipped).toEqual([
        {
          skipped: true,
          insertId: TRUNCATED.insertId,
          reason: 'SERVICE_START record cut short (a quote is never closed)',
        },
      ]);
    });

    it('reads the fluentd (gce_instance) entries into the same events', () => {
      const legacy = readJsonLines<unknown>(
        path.join(corpus, 'logentries-fluentd-gce_instance.jsonl'),
      );
      for (const type of ['execve', 'login'] as const) {
        const options = { type, maskSecrets: true, final: true };
        expect(
          groupAuditEvents(legacy.map(recordFromLogEntry), options).events,
        ).toEqual(
          groupAuditEvents(entries.map(recordFromLogEntry), options).events,
        );
      }
    });

    // ausearch's reading of every raw file the entries came from.
    let reference: Map<string, Map<string, AusearchEvent>> | undefined;
    const ausearchReference = () => {
      reference ??= ausearchByFile([...new Set(index.map(line => line.file))]);
      return reference;
    };

    it('groups execve and login events as ausearch reads the raw files', () => {
      const version = ausearchVersion();
      const records = entries.map(recordFromLogEntry);
      const options = { maskSecrets: false, final: true };
      const execves = groupAuditEvents(records, { type: 'execve', ...options });
      const logins = groupAuditEvents(records, { type: 'login', ...options });

      // Which raw file each event came from: by node, audit time and serial.
      const fileOf = new Map<string, string>();
      for (const line of index) {
        const timeMs = Date.parse(line.audit_timestamp);
        fileOf.set(`${line.node_name}|${timeMs}|${line.serial}`, line.file);
      }
      const check = checkAgainstAusearch(
        execves,
        logins,
        event =>
          fileOf.get(`${event.node}|${Date.parse(event.time)}|${event.serial}`),
        ausearchReference(),
      );
      // eslint-disable-next-line no-console
      console.log(
        [
          `audit corpus, Cloud Logging entries (${version}): ${check.summary}`,
          `  1 entry skipped: ${TRUNCATED.why}`,
          ...check.details,
        ].join('\n'),
      );
      expect(check.disagreements).toEqual([]);
      expect(check.counts).toEqual(check.expectedCounts);
    });

    it.each([
      { agent: 'fluent-bit (k8s_node)', file: 'logentries.jsonl' },
      {
        agent: 'legacy fluentd (gce_instance)',
        file: 'logentries-fluentd-gce_instance.jsonl',
      },
    ])(
      'serves the same events through the simulator and the endpoint: $agent',
      async ({ agent, file }) => {
        const version = ausearchVersion();
        const events = await eventsThroughEndpoint(path.join(corpus, file));
        const withoutSyscall = (ref: AusearchEvent) =>
          !ref.records.some(record => record.type === 'SYSCALL');
        let fragments = 0;
        for (const fileEvents of ausearchReference().values()) {
          for (const ref of fileEvents.values()) {
            if (isReferenceExecve(ref) && withoutSyscall(ref)) {
              fragments++;
            }
          }
        }
        const fileOf = new Map<string, string>();
        for (const line of index) {
          fileOf.set(
            `${line.node_name}|${Date.parse(line.audit_timestamp)}|${
              line.serial
            }`,
            line.file,
          );
        }
        const check = checkAgainstAusearch(
          { events: events.execve, incomplete: [], skipped: 0 },
          { events: events.login, incomplete: [], skipped: 0 },
          event =>
            fileOf.get(
              `${event.node}|${Date.parse(event.time)}|${event.serial}`,
            ),
          ausearchReference(),
          withoutSyscall,
        );
        // eslint-disable-next-line no-console
        console.log(
          [
            `audit corpus through the simulator and GET …/events, ${agent} (${version}): ${check.summary}`,
            `  ${events.requests} requests over ${events.windows} time windows; set aside: ${fragments} execve fragments with no SYSCALL record (test-log excerpts: the endpoint finds an execve by its SYSCALL record, which journald always ships with it)`,
          ].join('\n'),
        );
        expect(fragments).toBe(8);
        expect(check.disagreements).toEqual([]);
        expect(check.counts).toEqual(check.expectedCounts);
      },
      120_000,
    );

    it('reads the raw files as plain audit lines as ausearch does', () => {
      ausearchVersion();
      const files = [...new Set(index.map(line => line.file))];
      // One node per file (auditd's node= overridden): the file is the origin.
      const records = files.flatMap(file =>
        [
          ...parseAuditLines(
            readFileSync(path.join(corpus, 'raw', file), 'utf8').split('\n'),
          ),
        ].map(result =>
          result.skipped
            ? result
            : { record: { ...result.record, node: file } },
        ),
      );
      const options = { maskSecrets: false, final: true };
      const execves = groupAuditEvents(records, { type: 'execve', ...options });
      const logins = groupAuditEvents(records, { type: 'login', ...options });
      const check = checkAgainstAusearch(
        execves,
        logins,
        event => event.node,
        ausearchReference(),
      );
      // eslint-disable-next-line no-console
      console.log(
        [
          `audit corpus, raw audit lines: ${check.summary}`,
          ...check.details,
        ].join('\n'),
      );
      expect(check.disagreements).toEqual([]);
      expect(check.counts).toEqual(check.expectedCounts);
    });
  },
);

type Check = {
  summary: string;
  details: string[];
  disagreements: string[];
  counts: {
    execveAgree: number;
    loginAgree: number;
    referenceExecves: number;
    referenceLogins: number;
  };
  expectedCounts: Check['counts'];
};

/**
 * Compares our events field by field with ausearch's events of the same
 * file, stamp and serial, both ways: every event of ours must be there and
 * agree, and every execve and login record ausearch shows must be ours.
 */
function checkAgainstAusearch(
  execves: GroupedEvents,
  logins: GroupedEvents,
  eventFile: (event: AuditEvent) => string | undefined,
  reference: Map<string, Map<string, AusearchEvent>>,
  /** Reference execve events this check does not expect, for a stated reason. */
  setAsideExecve: (ref: AusearchEvent) => boolean = () => false,
): Check {
  const referenceEvent = (file: string, event: AuditEvent) =>
    reference.get(file)?.get(`${Date.parse(event.time)}:${event.serial}`);
  const interpretUid = uidInterpreter();
  const disagreements: string[] = [];
  const excused: string[] = [];
  const excusedEvents = { execve: 0, login: 0 };
  const compare = (
    file: string,
    event: AuditEvent,
    differences: Array<[string, unknown, unknown]>,
  ) => {
    const known =
      KNOWN_DIFFERENCES[`${file}:${event.serial}`] ?? KNOWN_DIFFERENCES[file];
    const real = differences.filter(
      ([field]) => !known?.fields.includes(field),
    );
    if (known && real.length < differences.length) {
      excusedEvents[event.type]++;
      const fields = differences
        .filter(([field]) => known.fields.includes(field))
        .map(([field]) => field);
      excused.push(
        `${file}:${event.serial} ${event.type} ${fields.join(', ')}: ${
          known.reason
        }`,
      );
    }
    for (const [field, ours, theirs] of real) {
      disagreements.push(
        `${file} serial ${event.serial} ${
          event.type
        } ${field}: ours ${JSON.stringify(ours)}, ausearch ${JSON.stringify(
          theirs,
        )}`,
      );
    }
    return real.length === 0;
  };

  let execveAgree = 0;
  for (const event of execves.events as ExecveEvent[]) {
    const file = eventFile(event);
    const ref = file ? referenceEvent(file, event) : undefined;
    if (!file || !ref) {
      disagreements.push(`${event.id}: ausearch has no such event (${file})`);
    } else if (
      compare(file, event, execveDifferences(event, ref, interpretUid))
    ) {
      execveAgree++;
    }
  }
  let loginAgree = 0;
  for (const event of logins.events as LoginEvent[]) {
    const file = eventFile(event);
    const ref = file ? referenceEvent(file, event) : undefined;
    const record = ref?.records.find(r => r.type === event.recordType);
    if (!file || !record) {
      disagreements.push(`${event.id}: ausearch has no such record (${file})`);
    } else if (
      compare(file, event, loginDifferences(event, record, interpretUid))
    ) {
      loginAgree++;
    }
  }

  // …and nothing ausearch sees as an execve or a login is missing here.
  const ours = new Set(
    [...execves.events, ...logins.events].map(
      event =>
        `${eventFile(event)}|${Date.parse(event.time)}|${event.serial}|${
          event.type === 'login' ? event.recordType : 'execve'
        }`,
    ),
  );
  let referenceExecves = 0;
  let referenceLogins = 0;
  for (const [file, events] of reference) {
    for (const ref of events.values()) {
      const prefix = `${file}|${ref.timeMs}|${ref.serial}`;
      if (isReferenceExecve(ref) && !setAsideExecve(ref)) {
        referenceExecves++;
        if (!ours.has(`${prefix}|execve`)) {
          disagreements.push(`${prefix}: an execve ausearch shows is missing`);
        }
      }
      for (const record of ref.records) {
        if (LOGIN_TYPES.has(record.type)) {
          referenceLogins++;
          if (!ours.has(`${prefix}|${record.type}`)) {
            disagreements.push(
              `${prefix}: a ${record.type} ausearch shows is missing`,
            );
          }
        }
      }
    }
  }

  return {
    summary:
      `${execveAgree}/${execves.events.length} execve and ${loginAgree}/${logins.events.length} login events agree with ausearch` +
      ` (${excusedEvents.execve} execve and ${excusedEvents.login} login events once the known differences below are set aside;` +
      ` ausearch shows ${referenceExecves} execve events and ${referenceLogins} login records in ${reference.size} raw files)`,
    details: [
      `  ${execves.incomplete.length} execve events were incomplete (emitted as final); ${execves.skipped} inputs skipped (unreadable, or CWD/PATH/PROCTITLE with no execve to belong to)`,
      ...excused.map(line => `  excused: ${line}`),
      ...disagreements.map(line => `  DISAGREES: ${line}`),
    ],
    disagreements,
    counts: { execveAgree, loginAgree, referenceExecves, referenceLogins },
    expectedCounts: {
      execveAgree: execves.events.length,
      loginAgree: logins.events.length,
      referenceExecves: execves.events.length,
      referenceLogins: logins.events.length,
    },
  };
}

/**
 * ausearch's events per raw file, by `timeMs:serial`. auditd's `\x1d`
 * enrichment is cut first: journald never has it, and with it ausearch
 * would name uids from the recording machine's accounts instead of ours.
 */
function ausearchByFile(
  files: string[],
): Map<string, Map<string, AusearchEvent>> {
  const dir = mkdtempSync(path.join(tmpdir(), 'cos-auditd-corpus-'));
  try {
    const result = new Map<string, Map<string, AusearchEvent>>();
    files.forEach((file, n) => {
      const raw = readFileSync(path.join(corpus, 'raw', file), 'latin1');
      const plain = raw
        .split('\n')
        .map(line => {
          const separator = line.indexOf('\x1d');
          return separator < 0 ? line : line.slice(0, separator);
        })
        .join('\n');
      const copy = path.join(dir, `${n}.log`);
      writeFileSync(copy, plain, 'latin1');
      const events = new Map<string, AusearchEvent>();
      for (const event of ausearchEvents(copy)) {
        events.set(`${event.timeMs}:${event.serial}`, event);
      }
      result.set(file, events);
    });
    return result;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function isReferenceExecve(ref: AusearchEvent): boolean {
  const syscall = ref.records.find(r => r.type === 'SYSCALL');
  if (syscall) {
    return (
      syscall.fields.get('syscall') === 'execve' &&
      ['x86_64', 'aarch64'].includes(syscall.fields.get('arch') ?? '')
    );
  }
  return ref.records.some(r => r.type === 'EXECVE');
}

type Uid = (uid: number | null) => string | null;

function execveDifferences(
  event: ExecveEvent,
  ref: AusearchEvent,
  uid: Uid,
): Array<[string, unknown, unknown]> {
  const syscall = ref.records.find(r => r.type === 'SYSCALL')?.fields;
  const cwd =
    ref.records.find(r => r.type === 'CWD')?.fields.get('cwd') ?? null;
  const execve = ref.records.filter(r => r.type === 'EXECVE');
  const proctitle = ref.records
    .find(r => r.type === 'PROCTITLE')
    ?.fields.get('proctitle');
  const pairs: Array<[string, unknown, unknown]> = [
    ['cwd', event.cwd, cwd],
    [
      'argv',
      execve.length > 0 ? event.argv : event.argv.join(' '),
      execve.length > 0 ? referenceArgv(execve) : proctitle ?? '',
    ],
  ];
  if (syscall) {
    const g = (key: string) => syscall.get(key) ?? null;
    pairs.push(
      ['exe', event.exe, g('exe')],
      ['comm', event.comm, g('comm')],
      ['pid', numberText(event.pid), g('pid')],
      ['ppid', numberText(event.ppid), g('ppid')],
      ['uid', uid(event.uid), g('uid')],
      ['auid', uid(event.auid), g('auid')],
      ['euid', uid(event.euid), g('euid')],
      ['tty', event.tty, g('tty')],
      ['ses', sessionText(event.ses), g('ses')],
      ['success', yesNo(event.success), g('success')],
      ['exit', event.exit, exitNumber(g('exit'))],
    );
  } else {
    pairs.push(['exe', event.exe, null], ['pid', event.pid, null]);
  }
  return pairs.filter(([, a, b]) => JSON.stringify(a) !== JSON.stringify(b));
}

function loginDifferences(
  event: LoginEvent,
  record: AusearchRecord,
  uid: Uid,
): Array<[string, unknown, unknown]> {
  const g = (key: string) => record.fields.get(key) ?? null;
  const unknown = (value: string | null) =>
    value === '?' || value === '' ? null : value;
  const acct = g('acct');
  const id = g('id');
  const res = g('res');
  let user: unknown = null;
  let ourUser: unknown = event.user;
  if (acct !== null) {
    user = acct;
  } else if (id !== null) {
    // ausearch names the uid in id=; name ours the same way.
    user = id;
    ourUser = event.user === null ? null : uid(Number(event.user));
  }
  const pairs: Array<[string, unknown, unknown]> = [
    ['user', ourUser, user],
    [
      'result',
      event.result,
      res === 'success' || res === 'yes' ? 'success' : 'failed',
    ],
    ['exe', event.exe, unknown(g('exe'))],
    ['hostname', event.hostname, unknown(g('hostname'))],
    ['addr', event.addr, unknown(g('addr'))],
    ['terminal', event.terminal, unknown(g('terminal'))],
    ['pid', numberText(event.pid), g('pid')],
    ['uid', uid(event.uid), g('uid')],
    ['auid', uid(event.auid), g('auid')],
    ['ses', sessionText(event.ses), g('ses')],
  ];
  return pairs.filter(([, a, b]) => JSON.stringify(a) !== JSON.stringify(b));
}

/** ausearch's EXECVE arguments, long ones joined from their pieces. */
function referenceArgv(records: AusearchRecord[]): string[] {
  const whole = new Map<number, string>();
  const pieces = new Map<number, Map<number, string>>();
  let argc = 0;
  for (const record of records) {
    for (const [key, value] of record.fields) {
      if (key === 'argc') {
        argc = Number(value);
        continue;
      }
      const m = /^a(\d+)(?:\[(\d+)\])?$/.exec(key);
      if (!m) {
        continue;
      }
      const n = Number(m[1]);
      if (m[2] === undefined) {
        whole.set(n, value);
      } else {
        const list = pieces.get(n) ?? new Map<number, string>();
        list.set(Number(m[2]), value);
        pieces.set(n, list);
      }
    }
  }
  const count = Math.max(
    argc,
    ...[...whole.keys(), ...pieces.keys()].map(n => n + 1),
  );
  const argv: string[] = [];
  for (let i = 0; i < count; i++) {
    const list = pieces.get(i);
    if (whole.has(i)) {
      argv.push(whole.get(i)!);
    } else if (list) {
      argv.push(
        [...list.entries()]
          .sort(([a], [b]) => a - b)
          .map(([, piece]) => piece)
          .join(''),
      );
    }
  }
  return argv;
}

function yesNo(value: boolean | null): string | null {
  if (value === null) {
    return null;
  }
  return value ? 'yes' : 'no';
}

function numberText(value: number | null): string | null {
  return value === null ? null : String(value);
}

function sessionText(ses: number | null): string | null {
  return ses === 4294967295 ? 'unset' : numberText(ses);
}

/** ausearch writes a failed exit as its errno name: `ENOENT(No such file or directory)`. */
function exitNumber(text: string | null): number | null {
  if (text === null) {
    return null;
  }
  if (/^-?\d+$/.test(text)) {
    return Number(text);
  }
  const name = /^([A-Z0-9]+)\(/.exec(text)?.[1];
  const errno = name
    ? (constants.errno as Record<string, number>)[name]
    : undefined;
  return errno === undefined ? Number.NaN : -errno;
}

/**
 * Loads a LogEntry file into the simulated Cloud Logging and reads every
 * execve and login event back through the plugin's endpoint, page by page,
 * in windows of 30 days (the endpoint's range is at most 31) that cover the
 * corpus's years.
 */
async function eventsThroughEndpoint(logEntriesFile: string) {
  const sim = await startGkeSimulator({ logEntriesFile });
  const cluster = {
    ...sim.clusters[0],
    name: 'example-cluster',
    project: 'example-project',
    location: 'us-central1-a',
  };
  const backend = await startCosAuditdBackend({
    sim,
    entities: [simulatedClusterEntity(cluster)],
    config: simulatorConfig(sim, {
      logging: {
        apiEndpoint: sim.logging.endpoint,
        dangerouslyUseInsecureChannel: true,
        maskSecrets: false,
      },
    }),
  });
  const result = {
    execve: [] as AuditEvent[],
    login: [] as AuditEvent[],
    requests: 0,
    windows: 0,
  };
  try {
    const times = readJsonLines<{ timestamp: string }>(logEntriesFile)
      .map(entry => Date.parse(entry.timestamp))
      .sort((a, b) => a - b);
    const windowMs = 30 * 24 * 60 * 60 * 1000;
    for (let i = 0; i < times.length; ) {
      const since = times[i];
      const until = since + windowMs;
      result.windows++;
      for (const type of ['execve', 'login'] as const) {
        let pageToken: string | undefined;
        do {
          const response = await backend
            .api()
            .get('/api/cos-auditd/clusters/default/example-cluster/events')
            .query({
              type,
              since: new Date(since).toISOString(),
              until: new Date(until).toISOString(),
              pageSize: 500,
              ...(pageToken ? { pageToken } : {}),
            })
            .set('Authorization', mockCredentials.user.header());
          result.requests++;
          if (response.status !== 200) {
            throw new Error(
              `events answered ${response.status}: ${JSON.stringify(
                response.body,
              )}`,
            );
          }
          const page = response.body as AuditEventsPage;
          result[type].push(...page.items);
          pageToken = page.nextPageToken;
        } while (pageToken);
      }
      while (i < times.length && times[i] < until) {
        i++;
      }
    }
  } finally {
    await backend.stop();
    await sim.stop();
  }
  return result;
}
