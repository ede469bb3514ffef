import { AgentNode } from '../AuditSource';
import {
  AUDIT_RECORD_TYPES,
  AuditRecord,
  journaldFields,
  JournalFields,
} from '../records';

/** What journald adds to every record of a node. */
export type NodeJournal = {
  node: AgentNode;
  bootId: string;
  machineId: string;
};

/**
 * A record as the journal holds it and fluent-bit reads it: MESSAGE
 * ("TYPE body", the netlink stamp removed), journald's fixed fields and
 * the fields it maps from the body. Every value is a string.
 */
export function journalRecord(
  journal: NodeJournal,
  event: { serial: number; timeMs: number },
  record: AuditRecord,
): JournalFields {
  return {
    MESSAGE: `${record.type} ${record.body}`,
    SYSLOG_FACILITY: '4',
    SYSLOG_IDENTIFIER: 'audit',
    _TRANSPORT: 'audit',
    _AUDIT_TYPE: String(AUDIT_RECORD_TYPES[record.type]),
    _AUDIT_TYPE_NAME: record.type,
    _AUDIT_ID: String(event.serial),
    _SOURCE_REALTIME_TIMESTAMP: String(event.timeMs * 1000),
    _HOSTNAME: journal.node.name,
    _BOOT_ID: journal.bootId,
    _MACHINE_ID: journal.machineId,
    ...journaldFields(record.body),
  };
}
