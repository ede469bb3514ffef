import { parseEventsQuery } from './EventsQuery';
import {
  clusterScope,
  companionsFilter,
  eventsFilter,
  logsExplorerUrl,
  quote,
} from './auditLogFilter';

const source = {
  project: 'demo-project',
  location: 'europe-west1',
  clusterName: 'demo-gke-prod',
};
const now = new Date('2026-12-01T12:00:00Z');
const LOGIN_TYPES = ['USER_LOGIN', 'USER_AUTH'];

describe('quote', () => {
  it.each([
    ['plain', '"plain"'],
    ['say "hi"', '"say \\"hi\\""'],
    ['back\\slash', '"back\\\\slash"'],
    ['" OR resource.type:*', '"\\" OR resource.type:*"'],
  ])('quotes %s so it stays one string', (value, expected) => {
    expect(quote(value)).toBe(expected);
  });
});

describe('clusterScope', () => {
  it('reads the fluent-bit agent on k8s_node and the legacy agent on gce_instance', () => {
    const scope = clusterScope(source);
    expect(scope).toContain(
      'logName="projects/demo-project/logs/linux-auditd"',
    );
    expect(scope).toContain('resource.type="k8s_node"');
    expect(scope).toContain('resource.labels.cluster_name="demo-gke-prod"');
    expect(scope).toContain('resource.labels.location="europe-west1"');
    expect(scope).toContain(
      'resource.type="gce_instance" AND resource.labels.project_id="demo-project" AND labels."compute.googleapis.com/resource_name"=~"^gke-demo\\\\-gke\\\\-prod-"',
    );
  });
});

describe('eventsFilter', () => {
  it('finds execve by its SYSCALL record on x86_64 and arm64, in the window', () => {
    const filter = eventsFilter(
      source,
      parseEventsQuery({ since: '2026-12-01T10:00:00Z' }, now),
      LOGIN_TYPES,
    );
    expect(filter).toContain('jsonPayload._AUDIT_TYPE_NAME="SYSCALL"');
    expect(filter).toContain(
      '(jsonPayload._AUDIT_FIELD_ARCH="c000003e" AND jsonPayload._AUDIT_FIELD_SYSCALL="59")',
    );
    expect(filter).toContain(
      '(jsonPayload._AUDIT_FIELD_ARCH="c00000b7" AND jsonPayload._AUDIT_FIELD_SYSCALL="221")',
    );
    expect(filter).toContain(
      'timestamp>="2026-12-01T10:00:00.000Z" AND timestamp<"2026-12-01T12:00:00.000Z"',
    );
  });

  it('narrows execve by uid, program and node on the server', () => {
    const filter = eventsFilter(
      source,
      parseEventsQuery({ user: '1000', q: 'curl', node: 'node-a' }, now),
      LOGIN_TYPES,
    );
    expect(filter).toContain(
      '(jsonPayload._AUDIT_LOGINUID="1000" OR jsonPayload._UID="1000")',
    );
    expect(filter).toContain(
      '(jsonPayload._EXE:"curl" OR jsonPayload._COMM:"curl")',
    );
    expect(filter).toContain(
      '(resource.labels.node_name="node-a" OR labels."compute.googleapis.com/resource_name"="node-a")',
    );
  });

  it('asks for the login record types and narrows by account and text', () => {
    const filter = eventsFilter(
      source,
      parseEventsQuery({ type: 'login', user: 'alice', q: 'res=failed' }, now),
      LOGIN_TYPES,
    );
    expect(filter).toContain(
      'jsonPayload._AUDIT_TYPE_NAME=("USER_LOGIN" OR "USER_AUTH")',
    );
    expect(filter).toContain('jsonPayload.AUDIT_FIELD_ACCT="alice"');
    expect(filter).toContain('jsonPayload.MESSAGE:"res=failed"');
    expect(filter).not.toContain('SYSCALL');
  });

  it('keeps a hostile search text inside one string literal', () => {
    const filter = eventsFilter(
      source,
      parseEventsQuery({ type: 'login', q: '") OR (resource.type:*' }, now),
      LOGIN_TYPES,
    );
    expect(filter).toContain('jsonPayload.MESSAGE:"\\") OR (resource.type:*"');
  });
});

describe('companionsFilter', () => {
  it('asks for the other records of each serial on its node', () => {
    const filter = companionsFilter(
      source,
      new Map([
        ['node-a', [101, 102]],
        ['node-b', [7]],
      ]),
      {
        since: new Date('2026-12-01T10:00:00Z'),
        until: new Date('2026-12-01T10:10:00Z'),
      },
    );
    expect(filter).toContain(
      'jsonPayload._AUDIT_TYPE_NAME=("EXECVE" OR "CWD" OR "PATH" OR "PROCTITLE")',
    );
    expect(filter).toContain('jsonPayload._AUDIT_ID=("101" OR "102")');
    expect(filter).toContain(
      '(resource.labels.node_name="node-b" OR labels."compute.googleapis.com/resource_name"="node-b") AND jsonPayload._AUDIT_ID="7"',
    );
  });
});

describe('logsExplorerUrl', () => {
  it('opens the same filter and range in the project', () => {
    const url = new URL(
      logsExplorerUrl('demo-project', 'a="b" AND (c:d)', {
        since: new Date('2026-12-01T10:00:00Z'),
        until: new Date('2026-12-01T11:00:00Z'),
      }),
    );
    expect(url.origin).toBe('https://console.cloud.google.com');
    expect(url.searchParams.get('project')).toBe('demo-project');
    const [, query, range] = url.pathname.split(';');
    expect(decodeURIComponent(query)).toBe('query=a="b" AND (c:d)');
    expect(query.slice('query='.length)).not.toMatch(/[()"= ;]/);
    expect(decodeURIComponent(range)).toBe(
      'timeRange=2026-12-01T10:00:00.000Z/2026-12-01T11:00:00.000Z',
    );
  });
});
