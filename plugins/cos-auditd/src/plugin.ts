import {
  createApiFactory,
  createPlugin,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { CosAuditdClient, cosAuditdApiRef } from './api';

/**
 * The cos-auditd frontend plugin, for apps on the legacy frontend system.
 * Apps on the new frontend system use the default export of `/alpha`.
 *
 * @public
 */
export const cosAuditdPlugin = createPlugin({
  id: 'cos-auditd',
  apis: [
    createApiFactory({
      api: cosAuditdApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new CosAuditdClient(deps),
    }),
  ],
});
