import {
  createApiFactory,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
  googleAuthApiRef,
} from '@backstage/core-plugin-api';
import { CosAuditdClient, cosAuditdApiRef } from './api';
import { rootRouteRef } from './routes';

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
  routes: {
    root: rootRouteRef,
  },
});

/**
 * The "Audit logging" tab for cluster entities on the legacy entity page:
 *
 * ```tsx
 * <EntityLayout.Route
 *   path="/audit-logging"
 *   title="Audit logging"
 *   if={isCosAuditdAvailable}
 * >
 *   <EntityCosAuditdContent />
 * </EntityLayout.Route>
 * ```
 *
 * @public
 */
export const EntityCosAuditdContent = cosAuditdPlugin.provide(
  createRoutableExtension({
    name: 'EntityCosAuditdContent',
    component: () =>
      import('./components/EntityCosAuditdContent').then(
        m => m.EntityCosAuditdContent,
      ),
    mountPoint: rootRouteRef,
  }),
);
