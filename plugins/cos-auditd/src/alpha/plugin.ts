import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import { CosAuditdClient, cosAuditdApiRef } from '../api';

const cosAuditdApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: cosAuditdApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
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
