import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
  googleAuthApiRef,
} from '@backstage/frontend-plugin-api';
import { CosAuditdClient, cosAuditdApiRef } from '../api';

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
 * The cos-auditd frontend plugin for the new frontend system.
 *
 * @alpha
 */
export const cosAuditdPlugin = createFrontendPlugin({
  pluginId: 'cos-auditd',
  extensions: [cosAuditdApi],
});
