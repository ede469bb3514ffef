import { Clock } from '../clock';
import { LogStore, StoredLogEntry } from '../logging';
import { AgentConfig, AgentNode, AuditSource } from './AuditSource';
import { AuditGenerator } from './AuditGenerator';

const NOW = new Date('2026-03-01T12:00:00Z');

/** A clock that stands still, so two runs see the same times. */
class StoppedClock extends Clock {
  #time = NOW.getTime();
  now(): Date {
    return new Date(this.#time);
  }
  advance(ms: number): void {
    this.#time += ms;
  }
}

function node(name: string, arch: AgentNode['arch'] = 'amd64'): AgentNode {
  return {
    name,
    pool: 'default-pool',
    arch,
    providerID: `gce://demo-project/europe-west1-b/${name}`,
    zone: 'europe-west1-b',
    instanceId: '4242424242424242',
  };
}

function source(
  options: { ready?: AgentNode[]; config?: () => AgentConfig | undefined } = {},
): AuditSource {
  return {
    project: 'demo-project',
    location: 'europe-west1',
    clusterName: 'demo',
    agentReadyNodes: () => options.ready ?? [node('gke-demo-default-pool-a-1')],
    agentConfig: options.config ?? (() => undefined),
  };
}

function fluentBit(...filterLines: string[]): AgentConfig {
  return {
    agent: 'fluent-bit',
    text: [
      '[INPUT]',
      '    Name systemd',
      '    Tag audit',
      '',
      ...filterLines,
    ].join('\n'),
  };
}

function generate(
  sources: AuditSource[],
  options: { seed?: number; ticks?: number; eventsPerTick?: number } = {},
): StoredLogEntry[] {
  const clock = new StoppedClock();
  const store = LogStore.create({ clock });
  const generator = AuditGenerator.create({
    seed: options.seed ?? 7,
    clock,
    store,
    sources,
    eventsPerTick: options.eventsPerTick ?? 12,
  });
  for (let i = 0; i < (options.ticks ?? 5); i++) {
    generator.tick();
    clock.advance(1000);
  }
  return store.entries();
}

function payloadOf(entry: StoredLogEntry): Record<string, string> {
  return entry.jsonPayload as Record<string, string>;
}

function types(entries: StoredLogEntry[]): Set<string> {
  return new Set(entries.map(entry => payloadOf(entry)._AUDIT_TYPE_NAME));
}

describe('AuditGenerator', () => {
  it('writes the same entries for the same seed, clock and sources', () => {
    expect(generate([source()])).toEqual(generate([source()]));
  });

  it('writes different traffic for another seed', () => {
    expect(generate([source()], { seed: 8 })).not.toEqual(generate([source()]));
  });

  it('writes fluent-bit k8s_node entries with journald fields as strings', () => {
    const [entry] = generate([source()], { ticks: 1 });

    expect(entry.logName).toBe('projects/demo-project/logs/linux-auditd');
    expect(entry.resource).toEqual({
      type: 'k8s_node',
      labels: {
        project_id: 'demo-project',
        location: 'europe-west1',
        cluster_name: 'demo',
        node_name: 'gke-demo-default-pool-a-1',
      },
    });
    expect(entry.labels).toBeUndefined();
    expect(payloadOf(entry)).toMatchObject({
      SYSLOG_IDENTIFIER: 'audit',
      SYSLOG_FACILITY: '4',
      _TRANSPORT: 'audit',
      _HOSTNAME: 'gke-demo-default-pool-a-1',
    });
    expect(
      Object.values(payloadOf(entry)).every(value => typeof value === 'string'),
    ).toBe(true);
    expect(
      payloadOf(entry).MESSAGE.startsWith(
        `${payloadOf(entry)._AUDIT_TYPE_NAME} `,
      ),
    ).toBe(true);
  });

  it('writes execve events as SYSCALL, EXECVE, CWD, PATH and PROCTITLE sharing serial and audit time', () => {
    const entries = generate([source()]);
    const bySerial = new Map<string, StoredLogEntry[]>();
    for (const entry of entries) {
      const serial = payloadOf(entry)._AUDIT_ID;
      bySerial.set(serial, [...(bySerial.get(serial) ?? []), entry]);
    }
    const execves = [...bySerial.values()].filter(event =>
      event.some(entry => payloadOf(entry)._AUDIT_TYPE_NAME === 'SYSCALL'),
    );

    expect(execves.length).toBeGreaterThan(5);
    for (const event of execves) {
      expect(types(event)).toEqual(
        new Set(['SYSCALL', 'EXECVE', 'CWD', 'PATH', 'PROCTITLE']),
      );
      expect(
        new Set(event.map(entry => payloadOf(entry)._SOURCE_REALTIME_TIMESTAMP))
          .size,
      ).toBe(1);
    }
  });

  it('uses arch c000003e syscall 59 on amd64 nodes and c00000b7 syscall 221 on arm64 nodes', () => {
    const entries = generate([
      source({ ready: [node('amd'), node('arm', 'arm64')] }),
    ]);
    const syscalls = (name: string) =>
      entries
        .filter(entry => entry.resource.labels?.node_name === name)
        .filter(entry => payloadOf(entry)._AUDIT_TYPE_NAME === 'SYSCALL')
        .map(
          entry =>
            `${payloadOf(entry)._AUDIT_FIELD_ARCH}/${
              payloadOf(entry)._AUDIT_FIELD_SYSCALL
            }`,
        );

    expect(new Set(syscalls('amd'))).toEqual(new Set(['c000003e/59']));
    expect(new Set(syscalls('arm'))).toEqual(new Set(['c00000b7/221']));
  });

  it('writes logins, failed logins, sudo and kubectl exec shells', () => {
    const entries = generate([source()], { ticks: 10 });
    const messages = entries.map(entry => payloadOf(entry).MESSAGE);

    for (const type of [
      'USER_AUTH',
      'USER_ACCT',
      'CRED_ACQ',
      'USER_LOGIN',
      'USER_START',
      'USER_END',
      'CRED_DISP',
      'USER_CMD',
    ]) {
      expect(types(entries).has(type)).toBe(true);
    }
    expect(messages.some(m => /^USER_LOGIN .*acct=.* res=failed/.test(m))).toBe(
      true,
    );
    expect(
      messages.some(m => /^USER_LOGIN .*id=\d+ .*res=success/.test(m)),
    ).toBe(true);
    expect(
      messages.some(m =>
        /^SYSCALL .*tty=pts\d .*ses=4294967295 comm="(sh|bash|busybox)"/.test(
          m,
        ),
      ),
    ).toBe(true);
  });

  it('increases serials per node over time and never writes timestamps after now', () => {
    const entries = generate([source()], { ticks: 3 });
    const serials = entries
      .map(entry => payloadOf(entry))
      .map(payload => [
        Number(payload._SOURCE_REALTIME_TIMESTAMP),
        Number(payload._AUDIT_ID),
      ])
      .sort(
        ([timeA, serialA], [timeB, serialB]) =>
          timeA - timeB || serialA - serialB,
      )
      .map(([, serial]) => serial);

    expect(serials).toEqual([...serials].sort((a, b) => a - b));
    const lastTick = NOW.getTime() + 2000;
    expect(entries.every(entry => Date.parse(entry.timestamp) < lastTick)).toBe(
      true,
    );
  });

  it('writes nothing for nodes whose agent is not ready', () => {
    const entries = generate([source({ ready: [node('ready')] })]);

    expect(
      new Set(entries.map(entry => entry.resource.labels?.node_name)),
    ).toEqual(new Set(['ready']));
    expect(generate([source({ ready: [] })])).toEqual([]);
  });

  it.each([
    ['Exclude _AUDIT_TYPE_NAME ^(USER_LOGIN)$', 'USER_LOGIN'],
    ['Exclude MESSAGE ^PROCTITLE ', 'PROCTITLE'],
    ['Exclude $_AUDIT_TYPE_NAME ^CWD$', 'CWD'],
  ])('drops the records a grep "%s" excludes', (rule, type) => {
    const config = fluentBit(
      '[FILTER]',
      '    Name grep',
      '    Match audit',
      `    ${rule}`,
    );

    expect(types(generate([source()])).has(type)).toBe(true);
    expect(types(generate([source({ config: () => config })])).has(type)).toBe(
      false,
    );
  });

  it('keeps only what a grep Regex matches', () => {
    const config = fluentBit(
      '[FILTER]',
      '    Name grep',
      '    Match *',
      '    Regex _AUDIT_TYPE_NAME ^USER_',
    );

    const kept = types(generate([source({ config: () => config })]));

    expect([...kept].every(type => type.startsWith('USER_'))).toBe(true);
  });

  it('ignores filters whose Match does not cover the audit tag', () => {
    const config = fluentBit(
      '[FILTER]',
      '    Name grep',
      '    Match kube.*',
      '    Exclude MESSAGE .',
    );

    expect(generate([source({ config: () => config })]).length).toBeGreaterThan(
      0,
    );
  });

  it('applies a filter change of the live configuration from the next tick', () => {
    const clock = new StoppedClock();
    const store = LogStore.create({ clock });
    // Starts without a ConfigMap; the test swaps one in.
    let config: AgentConfig | undefined = undefined;
    const generator = AuditGenerator.create({
      seed: 1,
      clock,
      store,
      sources: [source({ config: () => config })],
      eventsPerTick: 10,
    });

    expect(generator.tick()).toBeGreaterThan(0);
    config = fluentBit(
      '[FILTER]',
      '    Name grep',
      '    Match audit',
      '    Exclude MESSAGE .*',
    );
    clock.advance(1000);

    expect(generator.tick()).toBe(0);
  });

  it('caps the rate with a throttle filter', () => {
    const config = fluentBit(
      '[FILTER]',
      '    Name throttle',
      '    Match audit',
      '    Rate 5',
      '    Window 1',
      '    Interval 1s',
    );

    const entries = generate([source({ config: () => config })], {
      ticks: 6,
      eventsPerTick: 20,
    });

    expect(
      generate([source()], { ticks: 6, eventsPerTick: 20 }).length,
    ).toBeGreaterThan(100);
    expect(entries.length).toBeLessThanOrEqual(5 * 7);
    expect(entries.length).toBeGreaterThan(0);
  });

  it('skips and counts grep rules whose regex does not compile', () => {
    const clock = new StoppedClock();
    const store = LogStore.create({ clock });
    const config = fluentBit(
      '[FILTER]',
      '    Name grep',
      '    Match audit',
      '    Exclude MESSAGE (unclosed',
      '    Exclude _AUDIT_TYPE_NAME ^CWD$',
    );
    const generator = AuditGenerator.create({
      seed: 1,
      clock,
      store,
      sources: [source({ config: () => config })],
    });

    generator.tick();

    expect(generator.invalidRules()).toEqual({
      'gke-demo-default-pool-a-1': 1,
    });
    expect(types(store.entries()).has('CWD')).toBe(false);
  });

  it('writes the legacy gce_instance shape when the live agent is fluentd', () => {
    const legacy: AgentConfig = {
      agent: 'fluentd-legacy',
      text: '<match **>\n  @type google_cloud\n</match>',
    };

    const [entry] = generate([source({ config: () => legacy })], { ticks: 1 });

    expect(entry.resource).toEqual({
      type: 'gce_instance',
      labels: {
        project_id: 'demo-project',
        instance_id: '4242424242424242',
        zone: 'europe-west1-b',
      },
    });
    expect(entry.labels).toEqual({
      'compute.googleapis.com/resource_name': 'gke-demo-default-pool-a-1',
    });
  });

  it('applies the grep exclusions of a legacy fluentd configuration', () => {
    const legacy: AgentConfig = {
      agent: 'fluentd-legacy',
      text: '<filter **>\n  @type grep\n  <exclude>\n    key _AUDIT_TYPE_NAME\n    pattern /^PATH$/\n  </exclude>\n</filter>',
    };

    expect(
      types(generate([source({ config: () => legacy })])).has('PATH'),
    ).toBe(false);
  });

  it('ticks on its own after start() and stops after stop()', () => {
    jest.useFakeTimers();
    try {
      const clock = new StoppedClock();
      const store = LogStore.create({ clock });
      const generator = AuditGenerator.create({
        seed: 1,
        clock,
        store,
        sources: [source()],
      });

      generator.start(100);
      jest.advanceTimersByTime(350);
      generator.stop();
      const written = store.size;
      jest.advanceTimersByTime(1000);

      expect(written).toBeGreaterThan(0);
      expect(store.size).toBe(written);
    } finally {
      jest.useRealTimers();
    }
  });
});
