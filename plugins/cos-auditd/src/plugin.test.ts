import { cosAuditdApiRef } from './api';
import { cosAuditdPlugin } from './plugin';

describe('cosAuditdPlugin (legacy frontend system)', () => {
  it('provides the cos-auditd API', () => {
    const apiRefs = [...cosAuditdPlugin.getApis()].map(factory => factory.api);

    expect(cosAuditdPlugin.getId()).toBe('cos-auditd');
    expect(apiRefs).toContain(cosAuditdApiRef);
  });
});
