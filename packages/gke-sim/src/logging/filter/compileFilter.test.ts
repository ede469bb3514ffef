import { LogEntryJson } from '../LogEntryJson';
import { compileFilter } from './compileFilter';
import { parseFilter } from './parseFilter';

function entry(overrides: Partial<LogEntryJson> = {}): LogEntryJson {
  return {
    logName: 'projects/p/logs/linux-auditd',
    resource: {
      type: 'k8s_node',
      labels: { node_name: 'gke-a-1', cluster_name: 'demo' },
    },
    timestamp: '2026-01-01T10:00:00.500000Z',
    insertId: 'id-1',
    labels: { 'compute.googleapis.com/resource_name': 'gke-a-1' },
    jsonPayload: {
      MESSAGE: 'SYSCALL arch=c000003e syscall=59 comm="WhoAmI"',
      _AUDIT_TYPE_NAME: 'SYSCALL',
      _AUDIT_ID: '1500',
      _REPEATED: ['one', 'two'],
      nested: { deep: 'Value' },
      count: 7,
    },
    ...overrides,
  };
}

function matches(filter: string, subject: LogEntryJson = entry()): boolean {
  return compileFilter(parseFilter(filter))(subject);
}

describe('compileFilter', () => {
  it.each<[string, boolean]>([
    ['', true],
    ['logName="projects/p/logs/linux-auditd"', true],
    ['log_id("linux-auditd")', true],
    ['log_id("syslog")', false],
    ['resource.type="k8s_node"', true],
    ['resource.type!="k8s_node"', false],
    ['resource.labels.node_name="gke-a-1"', true],
    ['labels."compute.googleapis.com/resource_name"="gke-a-1"', true],
    ['jsonPayload._AUDIT_TYPE_NAME="SYSCALL"', true],
    ['jsonPayload._AUDIT_TYPE_NAME="syscall"', false],
    ['jsonPayload._AUDIT_TYPE_NAME=("EXECVE" OR "SYSCALL")', true],
    ['jsonPayload._AUDIT_TYPE_NAME=("EXECVE" OR "CWD")', false],
    ['jsonPayload.MESSAGE:"whoami"', true],
    ['jsonPayload.MESSAGE:"sudo"', false],
    ['jsonPayload:"value"', true],
    ['jsonPayload.nested.deep="Value"', true],
    ['jsonPayload.missing:*', false],
    ['jsonPayload._AUDIT_ID:*', true],
    ['jsonPayload.missing="x"', false],
    ['jsonPayload.missing!="x"', false],
    ['NOT jsonPayload.missing="x"', true],
    ['jsonPayload._AUDIT_ID>999', true],
    ['jsonPayload._AUDIT_ID<"999"', false],
    ['jsonPayload._AUDIT_ID<=1500', true],
    ['jsonPayload._AUDIT_ID>=1501', false],
    ['jsonPayload.count=7', true],
    ['jsonPayload._REPEATED="two"', true],
    ['jsonPayload._REPEATED="three"', false],
    ['jsonPayload.MESSAGE=~"syscall=(59|221) "', true],
    ['jsonPayload.MESSAGE!~"syscall=59"', false],
    ['timestamp>="2026-01-01T10:00:00Z"', true],
    ['timestamp>"2026-01-01T10:00:00.5Z"', false],
    ['timestamp<"2026-01-01T11:00:00+01:00"', false],
    ['timestamp="2026-01-01T10:00:00.500000000Z"', true],
    ['insertId="id-1"', true],
    ['severity=DEFAULT', true],
    ['severity>=WARNING', false],
    [
      'jsonPayload._AUDIT_TYPE_NAME="SYSCALL" OR jsonPayload.x="1" AND insertId="other"',
      false,
    ],
    ['-resource.type="gce_instance" resource.labels.cluster_name="demo"', true],
  ])('%s -> %s', (filter, expected) => {
    expect(matches(filter)).toBe(expected);
  });

  it('compares severities as levels', () => {
    const warning = entry({ severity: 'WARNING' });

    expect(matches('severity>=INFO', warning)).toBe(true);
    expect(matches('severity<ERROR', warning)).toBe(true);
    expect(matches('severity=error', warning)).toBe(false);
  });
});
