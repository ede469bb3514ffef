import { LoginEvent } from '@cos-auditd/backstage-plugin-cos-auditd-common';
import { AuditRecord } from '../records';
import { maskUserCmdText } from '../masking';
import { eventId, integerField, textField } from './fieldValues';

/** `res=` (and old `result=`) values that mean success; anything else failed. */
const SUCCESS = new Set(['success', 'yes', '1', 'succeeded']);

/**
 * The login event of one user-space record (USER_LOGIN, USER_AUTH,
 * CRED_ACQ…). Its id adds the record type to node, stamp and serial:
 * records of one PAM conversation may share a serial. The user is `acct`
 * (the name tried, `(unknown)` kept as written), else `id` (the uid sshd
 * and the shadow tools write). `?` in addr, hostname or terminal is null.
 * With `maskSecrets`, sudo's USER_CMD `cmd=` is masked in the record line.
 */
export function loginEvent(
  record: AuditRecord,
  maskSecrets: boolean,
): LoginEvent {
  const f = record.fields;
  const res = f.get('res') ?? f.get('result');
  const cmd = f.get('cmd');
  const text =
    maskSecrets && cmd !== undefined
      ? maskUserCmdText(record.text, cmd)
      : record.text;
  return {
    id: `${eventId(record.node, record.timeMs, record.serial)}:${record.type}`,
    type: 'login',
    time: new Date(record.timeMs).toISOString(),
    serial: record.serial,
    node: record.node,
    records: [text],
    recordType: record.type,
    user: f.get('acct') ?? f.get('id') ?? null,
    uid: integerField(f, 'uid'),
    auid: integerField(f, 'auid'),
    addr: textField(f, 'addr'),
    hostname: textField(f, 'hostname'),
    terminal: textField(f, 'terminal'),
    exe: textField(f, 'exe'),
    result:
      res !== undefined && SUCCESS.has(res.toLowerCase())
        ? 'success'
        : 'failed',
    pid: integerField(f, 'pid'),
    ses: integerField(f, 'ses'),
  };
}
