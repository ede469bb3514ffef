import { createApiRef } from '@backstage/core-plugin-api';

/**
 * What the cos-auditd backend says about its own state.
 *
 * @public
 */
export type CosAuditdHealth = {
  status: 'ok';
};

/**
 * The frontend's view of the cos-auditd backend API.
 *
 * @public
 */
export interface CosAuditdApi {
  getHealth(): Promise<CosAuditdHealth>;
}

/**
 * The API reference through which components reach the cos-auditd backend.
 *
 * @public
 */
export const cosAuditdApiRef = createApiRef<CosAuditdApi>({
  id: 'plugin.cos-auditd.service',
});
