import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Clock } from '../clock';
import { loadLogEntries } from './loadLogEntries';
import { LogStore } from './LogStore';

function jsonlFile(lines: string[]): string {
  const file = join(
    mkdtempSync(join(tmpdir(), 'log-entries-')),
    'entries.jsonl',
  );
  writeFileSync(file, lines.join('\n'));
  return file;
}

const line = (insertId: string) =>
  JSON.stringify({
    insertId,
    logName: 'projects/p/logs/linux-auditd',
    resource: { type: 'k8s_node', labels: { node_name: 'n' } },
    timestamp: '2026-01-01T00:00:00.123456Z',
    jsonPayload: { MESSAGE: 'CWD cwd="/"' },
  });

describe('loadLogEntries', () => {
  it('loads one entry a line, skipping blank lines', async () => {
    const store = LogStore.create({ clock: new Clock() });

    const loaded = await loadLogEntries(
      store,
      jsonlFile([line('a'), '', line('b')]),
    );

    expect(loaded).toBe(2);
    expect(store.entries().map(e => e.insertId)).toEqual(['a', 'b']);
  });

  it('names the line that is not a LogEntry', async () => {
    const store = LogStore.create({ clock: new Clock() });

    await expect(
      loadLogEntries(store, jsonlFile([line('a'), '{"x":1}'])),
    ).rejects.toThrow(/entries\.jsonl:2: not a LogEntry/);
  });
});
