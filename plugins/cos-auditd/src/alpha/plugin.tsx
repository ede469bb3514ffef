import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
  googleAuthApiRef,
} from '@backstage/frontend-plugin-api';
import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { CosAuditdClient, cosAuditdApiRef } from '../api';
import { isCosAuditdAvailable } from '../isCosAuditdAvailable';

/**
 * The cos-auditd API. It depends on the Google auth API (installed by
 * `@backstage/plugin-app` by default) for clusters whose
 * `kubernetes.io/auth-provider` is `google`. The new frontend system has no
 * optional API dependencies: an app that removes the Google auth API can
 * override this extension with
 * `new CosAuditdClient({ discoveryApi, fetchApi })`, which sends no Google
 * token (such clusters then answer 401 with the backend's message).
 */
const cosAuditdApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: cosAuditdApiRef,
      deps: {
        discoveryApi: discoveryApiRef,
        fetchApi: fetchApiRef,
        googleAuthApi: googleAuthApiRef,
      },
      factory: deps => new CosAuditdClient(deps),
    }),
});

/**
 * The "Audit logging" tab, on cluster entities cos-auditd can manage only.
 * Its path and title can be changed in app-config under
 * `app.extensions: - entity-content:cos-auditd/audit-logging`.
 */
const entityCosAuditdContent = EntityContentBlueprint.make({
  name: 'audit-logging',
  params: {
    path: 'audit-logging',
    title: 'Audit logging',
    filter: isCosAuditdAvailable,
    loader: () =>
      import('../components/EntityCosAuditdContent').then(m => (
        <m.EntityCosAuditdContent />
      )),
  },
});

/**
 * The cos-auditd frontend plugin for the new frontend system.
 *
 * @alpha
 */
export const cosAuditdPlugin = createFrontendPlugin({
  pluginId: 'cos-auditd',
  extensions: [cosAuditdApi, entityCosAuditdContent],
});
