import {
  AUDIT_ARCH,
  BALANCED_PRESET_SYSCALLS,
  EXEC_AND_LOGIN_RECORD_TYPES,
  FilterSpec,
  SYSCALLS,
  validateFilterSpec,
} from '@cos-auditd/backstage-plugin-cos-auditd-common';

/** The tag of the systemd input; every filter matches it. */
const AUDIT_TAG = 'audit';

type ConfigSection = {
  header: 'SERVICE' | 'INPUT' | 'FILTER' | 'OUTPUT';
  /** Written as the section's first line, after `# cos-auditd: `. */
  comment: string;
  entries: Array<[key: string, value: string]>;
};

const SERVICE: ConfigSection = {
  header: 'SERVICE',
  comment: 'the HTTP server answers the liveness probe on port 2024',
  entries: [
    ['Flush', '5'],
    ['Grace', '120'],
    ['Log_Level', 'info'],
    ['Daemon', 'off'],
    ['HTTP_Server', 'On'],
    ['HTTP_Listen', '0.0.0.0'],
    ['HTTP_PORT', '2024'],
  ],
};

const SYSTEMD_INPUT: ConfigSection = {
  header: 'INPUT',
  comment: 'reads the audit records the kernel writes to the journal',
  entries: [
    ['Name', 'systemd'],
    ['Alias', 'audit'],
    ['Tag', AUDIT_TAG],
    ['Systemd_Filter', 'SYSLOG_IDENTIFIER=audit'],
    ['Path', '/var/log/journal'],
    ['DB', '/var/lib/cos-auditd-fluent-bit/pos-files/audit.db'],
  ],
};

// `${NODE_NAME}` and the cluster variables are fluent-bit environment
// references, filled from the pod's env when the agent starts.
const LOG_ENTRY_SECTIONS: ConfigSection[] = [
  {
    header: 'FILTER',
    comment: "names the node as the log entry's k8s_node resource",
    entries: [
      ['Name', 'modify'],
      ['Match', AUDIT_TAG],
      ['Add', 'logging.googleapis.com/local_resource_id k8s_node.${NODE_NAME}'],
    ],
  },
  {
    header: 'FILTER',
    comment: 'writes the entries to the linux-auditd log',
    entries: [
      ['Name', 'modify'],
      ['Match', AUDIT_TAG],
      ['Add', 'logging.googleapis.com/logName linux-auditd'],
    ],
  },
];

const STACKDRIVER_OUTPUT: ConfigSection = {
  header: 'OUTPUT',
  comment:
    'ships to Cloud Logging; the metadata server gives the project but not the cluster, so its name and location come from the env',
  entries: [
    ['Name', 'stackdriver'],
    ['Match', AUDIT_TAG],
    ['Severity_key', 'severity'],
    ['log_name_key', 'logging.googleapis.com/logName'],
    ['Resource', 'k8s_node'],
    ['k8s_cluster_name', '${CLUSTER_NAME}'],
    ['k8s_cluster_location', '${CLUSTER_LOCATION}'],
    ['net.connect_timeout', '60'],
    ['Retry_Limit', '14'],
    ['Workers', '1'],
  ],
};

/**
 * The agent's `fluent-bit.conf` for a FilterSpec: the upstream systemd
 * input, the spec's filters as `grep` and `throttle` sections, the upstream
 * `modify` sections and the Cloud Logging output.
 *
 * Callers validate the spec first; it is validated again here, and an
 * invalid one throws, so no unchecked value can ever reach the text.
 */
export function renderAgentConfig(options: { filters: FilterSpec }): string {
  const validation = validateFilterSpec(options.filters);
  if (!validation.valid) {
    throw new Error(
      `Refusing to render the agent configuration from invalid filters: ${validation.problems.join(
        '; ',
      )}`,
    );
  }
  return serialize([
    SERVICE,
    SYSTEMD_INPUT,
    ...filterSections(validation.spec),
    ...LOG_ENTRY_SECTIONS,
    STACKDRIVER_OUTPUT,
  ]);
}

function filterSections(spec: FilterSpec): ConfigSection[] {
  const sections: ConfigSection[] = [];
  if (spec.preset === 'exec-and-login') {
    sections.push(
      grep(
        'keeps only the records of executions and logins (preset exec-and-login)',
        [
          ['Logical_Op', 'or'],
          [
            'Regex',
            `_AUDIT_TYPE_NAME ^(${EXEC_AND_LOGIN_RECORD_TYPES.join('|')})$`,
          ],
          ...syscallPatterns(['execve']).map((pattern): [string, string] => [
            'Regex',
            `MESSAGE ${pattern}`,
          ]),
        ],
      ),
    );
  }
  const recordTypes = sortedUnique(spec.excludeRecordTypes ?? []);
  if (recordTypes.length > 0) {
    sections.push(
      grep(`drops ${words(recordTypes)} records`, [
        ['Exclude', `_AUDIT_TYPE_NAME ^(${recordTypes.join('|')})$`],
      ]),
    );
  }
  const syscalls = sortedUnique([
    ...(spec.excludeSyscalls ?? []),
    ...(spec.preset === 'balanced' ? BALANCED_PRESET_SYSCALLS : []),
  ]);
  if (syscalls.length > 0) {
    sections.push(
      grep(
        `drops the SYSCALL records of ${words(syscalls)}`,
        syscallPatterns(syscalls).map(pattern => [
          'Exclude',
          `MESSAGE ${pattern}`,
        ]),
      ),
    );
  }
  const executables = sortedUnique(spec.excludeExecutables ?? []);
  if (executables.length > 0) {
    sections.push(
      grep(
        `drops the SYSCALL records of programs run from ${words(executables)}`,
        executables.map(path => [
          'Exclude',
          `MESSAGE ^SYSCALL .* exe="${escapeRegex(path)}"`,
        ]),
      ),
    );
  }
  if (spec.throttle) {
    const { rate, window, interval } = spec.throttle;
    sections.push({
      header: 'FILTER',
      comment: `lets through at most ${rate} records per ${interval} on average over ${window} intervals`,
      entries: [
        ['Name', 'throttle'],
        ['Match', AUDIT_TAG],
        ['Rate', String(rate)],
        ['Window', String(window)],
        ['Interval', interval],
        ['Print_Status', 'true'],
      ],
    });
  }
  return sections;
}

function grep(
  comment: string,
  rules: Array<[key: string, value: string]>,
): ConfigSection {
  return {
    header: 'FILTER',
    comment,
    entries: [['Name', 'grep'], ['Match', AUDIT_TAG], ...rules],
  };
}

/**
 * One pattern per architecture for the SYSCALL records of `names`, skipping
 * numbers an architecture does not have. The number is followed by `\s`
 * because fluent-bit trims values, so a trailing space would be lost and
 * `syscall=9` would also match `syscall=90`.
 */
function syscallPatterns(names: string[]): string[] {
  return (Object.keys(AUDIT_ARCH) as Array<keyof typeof AUDIT_ARCH>).flatMap(
    arch => {
      const numbers = names
        .map(name => SYSCALLS[name]?.[arch])
        .filter((n): n is number => n !== undefined);
      if (numbers.length === 0) {
        return [];
      }
      const alternatives =
        numbers.length === 1 ? String(numbers[0]) : `(${numbers.join('|')})`;
      return [`^SYSCALL arch=${AUDIT_ARCH[arch]} syscall=${alternatives}\\s`];
    },
  );
}

function serialize(sections: ConfigSection[]): string {
  const blocks = sections.map(section => {
    // A second guard after validation: a line break in a value or comment
    // would let it open a section of its own.
    const texts = [section.comment, ...section.entries.flat()];
    if (texts.some(text => /[\r\n]/.test(text))) {
      throw new Error(
        'Refusing to render an agent configuration value with a line break',
      );
    }
    const width = Math.max(...section.entries.map(([key]) => key.length)) + 2;
    return [
      `[${section.header}]`,
      `    # cos-auditd: ${section.comment}`,
      ...section.entries.map(
        ([key, value]) => `    ${key.padEnd(width)}${value}`,
      ),
    ].join('\n');
  });
  return `${blocks.join('\n\n')}\n`;
}

function sortedUnique(list: readonly string[]): string[] {
  return [...new Set(list)].sort();
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** `a`, `a and b`, `a, b and c`. */
function words(items: string[]): string {
  return items.length <= 1
    ? items.join('')
    : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
