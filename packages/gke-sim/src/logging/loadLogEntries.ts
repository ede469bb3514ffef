import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { LogEntryJson } from './LogEntryJson';
import { LogStore } from './LogStore';

/**
 * Preloads a JSONL file of LogEntry objects (Cloud Logging JSON form, one a
 * line; blank lines skipped) into the store. Returns how many were loaded.
 * A line that is not a LogEntry fails the load with its line number, so a
 * broken `--log-entries` file is noticed at start.
 */
export async function loadLogEntries(
  store: LogStore,
  file: string,
): Promise<number> {
  const entries: LogEntryJson[] = [];
  const lines = createInterface({
    input: createReadStream(file, 'utf8'),
    crlfDelay: Infinity,
  });
  let lineNumber = 0;
  for await (const line of lines) {
    lineNumber += 1;
    if (line.trim() === '') {
      continue;
    }
    entries.push(parseLogEntryLine(line, `${file}:${lineNumber}`));
  }
  store.write(entries);
  return entries.length;
}

function parseLogEntryLine(line: string, where: string): LogEntryJson {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    throw new Error(`${where}: not JSON: ${(error as Error).message}`);
  }
  if (!isLogEntry(value)) {
    throw new Error(
      `${where}: not a LogEntry (it needs a logName and a resource with a type)`,
    );
  }
  return value;
}

function isLogEntry(value: unknown): value is LogEntryJson {
  if (typeof value !== 'object' || value === null) {
    return false;
  }
  const candidate = value as Partial<LogEntryJson>;
  return (
    typeof candidate.logName === 'string' &&
    typeof candidate.resource === 'object' &&
    candidate.resource !== null &&
    typeof candidate.resource.type === 'string'
  );
}
