const MINUTE_MS = 60 * 1000;
const HOUR_MS = 60 * MINUTE_MS;

/**
 * A choice of the events card's "Time range": the last `durationMs`
 * milliseconds, counted back from the moment the query runs.
 *
 * @public
 */
export type EventTimeRange = {
  label: string;
  durationMs: number;
};

/** @public */
export const EVENT_TIME_RANGES: ReadonlyArray<EventTimeRange> = [
  { label: 'Last 15 minutes', durationMs: 15 * MINUTE_MS },
  { label: 'Last hour', durationMs: HOUR_MS },
  { label: 'Last 6 hours', durationMs: 6 * HOUR_MS },
  { label: 'Last 24 hours', durationMs: 24 * HOUR_MS },
  { label: 'Last 7 days', durationMs: 7 * 24 * HOUR_MS },
];

/** The backend's own default, so the first query asks for what it would anyway. @public */
export const DEFAULT_EVENT_TIME_RANGE_MS = HOUR_MS;
