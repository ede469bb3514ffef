import { JournalFields } from '../records';

/** One filter of the agent's pipeline: whether a record goes on. */
export interface RecordFilter {
  admits(record: JournalFields, timeMs: number): boolean;
}
