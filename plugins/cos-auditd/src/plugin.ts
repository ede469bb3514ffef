import {
  createApiFactory,
  createPlugin,
  discoveryApiRef,
  fetchApiRef,
  googleAuthApiRef,
} from '@backstage/core-plugin-api';
import { CosAuditdClient, cosAuditdApiRef } from './api';

/**
 * The cos-auditd frontend plugin, for apps on the legacy frontend system.
 * Apps on the new frontend system use the default export of `/alpha`.
 *
 * The API uses the app's Google auth API for clusters whose
 * `kubernetes.io/auth-provider` is `google`; the legacy app defaults always
 * provide it.
 *
 * @public
 */
export const cosAuditdPlugin = createPlugin({
  id: 'cos-auditd',
  apis: [
    createApiFactory({
      api: cosAuditdApiRef,
      deps: {
        discoveryApi: discoveryApiRef,
        fetchApi: fetchApiRef,
        googleAuthApi: googleAuthApiRef,
      },
      factory: deps => new CosAuditdClient(deps),
    }),
  ],
});
