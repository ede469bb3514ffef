/**
 * A point in time with nanosecond precision, as `google.protobuf.Timestamp`
 * carries it. JavaScript dates stop at milliseconds, and audit entries need
 * the microseconds to keep their order.
 */
export type LogTime = { seconds: number; nanos: number };

const RFC3339 =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*([Zz]|[+-]\d{2}:?\d{2})?$/;

/** Parses an RFC 3339 time (a bare date means its midnight UTC); undefined if it is not one. */
export function parseLogTime(text: string): LogTime | undefined {
  const match = RFC3339.exec(text.trim());
  if (!match) {
    return undefined;
  }
  const [, year, month, day, hour, minute, second, fraction, zone] = match;
  let offsetMinutes = 0;
  if (zone && zone.toUpperCase() !== 'Z') {
    const digits = zone.replace(':', '');
    const sign = digits.startsWith('-') ? -1 : 1;
    offsetMinutes =
      sign * (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5)));
  }
  const ms = Date.UTC(
    Number(year),
    Number(month) - 1,
    Number(day),
    Number(hour ?? 0),
    Number(minute ?? 0),
    Number(second ?? 0),
  );
  if (Number.isNaN(ms)) {
    return undefined;
  }
  return {
    seconds: ms / 1000 - offsetMinutes * 60,
    nanos: fraction ? Number(fraction.padEnd(9, '0')) : 0,
  };
}

/** The time of a JavaScript date. */
export function logTimeOfDate(date: Date): LogTime {
  const ms = date.getTime();
  const seconds = Math.floor(ms / 1000);
  return { seconds, nanos: (ms - seconds * 1000) * 1_000_000 };
}

/** Adds nanoseconds to a time. */
export function addNanos(time: LogTime, nanos: number): LogTime {
  const total = time.nanos + nanos;
  const carry = Math.floor(total / 1_000_000_000);
  return {
    seconds: time.seconds + carry,
    nanos: total - carry * 1_000_000_000,
  };
}

/**
 * Formats a time as proto3 JSON does: `Z`, and 0, 3, 6 or 9 fraction digits.
 */
export function formatLogTime(time: LogTime): string {
  const base = new Date(time.seconds * 1000).toISOString().slice(0, 19);
  if (time.nanos === 0) {
    return `${base}Z`;
  }
  let fraction = String(time.nanos).padStart(9, '0');
  while (fraction.length > 3 && fraction.endsWith('000')) {
    fraction = fraction.slice(0, -3);
  }
  return `${base}.${fraction}Z`;
}

/** Orders two times; negative when `a` is earlier. */
export function compareLogTimes(a: LogTime, b: LogTime): number {
  return a.seconds - b.seconds || a.nanos - b.nanos;
}

/**
 * A fixed-width text form that sorts as the time does, so entries can be
 * kept and searched with plain string comparison.
 */
export function sortableLogTime(time: LogTime): string {
  const seconds = String(time.seconds + 100_000_000_000).padStart(12, '0');
  return seconds + String(time.nanos).padStart(9, '0');
}
