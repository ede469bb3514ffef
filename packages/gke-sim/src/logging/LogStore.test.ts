import { Clock } from '../clock';
import { LogEntryJson } from './LogEntryJson';
import { LogStore } from './LogStore';

function fixedClock(iso: string): Clock {
  const clock = new Clock();
  clock.set(new Date(iso));
  return clock;
}

function entry(timestamp?: string, insertId?: string): LogEntryJson {
  return {
    logName: 'projects/p/logs/linux-auditd',
    resource: { type: 'k8s_node' },
    ...(timestamp ? { timestamp } : {}),
    ...(insertId ? { insertId } : {}),
  };
}

function scanned(
  store: LogStore,
  scan: Parameters<LogStore['scan']>[0],
): string[] {
  return [...store.scan(scan)].map(({ entry: e }) => e.insertId);
}

describe('LogStore', () => {
  it('assigns insertId and receiveTimestamp when absent', () => {
    const store = LogStore.create({
      clock: fixedClock('2026-02-01T00:00:00Z'),
    });

    const [stored] = store.write([entry('2026-01-01T00:00:00.000001Z')]);

    expect(stored.insertId).toMatch(/^s[0-9a-z]{12}$/);
    expect(stored.receiveTimestamp.slice(0, 16)).toBe('2026-02-01T00:00');
    expect(stored.timestamp).toBe('2026-01-01T00:00:00.000001Z');
  });

  it('keeps the insertId and receiveTimestamp it is given', () => {
    const store = LogStore.create({ clock: new Clock() });
    const given = {
      ...entry('2026-01-01T00:00:00Z', 'mine'),
      receiveTimestamp: '2026-01-01T00:00:02Z',
    };

    const [stored] = store.write([given]);

    expect(stored.insertId).toBe('mine');
    expect(stored.receiveTimestamp).toBe('2026-01-01T00:00:02Z');
  });

  it('assigns insertIds that sort in write order', () => {
    const store = LogStore.create({ clock: new Clock() });
    const time = '2026-01-01T00:00:00Z';

    const ids = store
      .write([entry(time), entry(time), entry(time)])
      .map(e => e.insertId);

    expect([...ids].sort()).toEqual(ids);
  });

  it('orders entries by timestamp, then insertId, whatever the write order', () => {
    const store = LogStore.create({ clock: new Clock() });
    store.write([entry('2026-01-01T00:00:02Z', 'c')]);
    store.write([
      entry('2026-01-01T00:00:01Z', 'b'),
      entry('2026-01-01T00:00:01Z', 'a'),
    ]);
    store.write([entry('2026-01-01T00:00:01.5Z', 'd')]);

    expect(store.entries().map(e => e.insertId)).toEqual(['a', 'b', 'd', 'c']);
  });

  it('scans both ways from after a key and within a time range', () => {
    const store = LogStore.create({ clock: new Clock() });
    store.write(
      ['a', 'b', 'c', 'd'].map((id, i) => entry(`2026-01-01T00:00:0${i}Z`, id)),
    );
    const keyOfB = [...store.scan({ order: 'asc' })][1].key;

    expect(scanned(store, { order: 'asc', after: keyOfB })).toEqual(['c', 'd']);
    expect(scanned(store, { order: 'desc', after: keyOfB })).toEqual(['a']);
    expect(
      scanned(store, {
        order: 'desc',
        from: { seconds: Date.UTC(2026, 0, 1) / 1000 + 1, nanos: 0 },
        until: { seconds: Date.UTC(2026, 0, 1) / 1000 + 2, nanos: 0 },
      }),
    ).toEqual(['c', 'b']);
  });

  it('holds a few hundred thousand entries', () => {
    const store = LogStore.create({ clock: new Clock() });
    const base = Date.UTC(2026, 0, 1);
    const bulk = Array.from({ length: 300_000 }, (_, i) =>
      entry(new Date(base + i * 10).toISOString()),
    );

    store.write(bulk);
    store.write([entry(new Date(base + 5).toISOString(), 'late')]);

    expect(store.size).toBe(300_001);
    expect(store.entries()[1].insertId).toBe('late');
  });
});
