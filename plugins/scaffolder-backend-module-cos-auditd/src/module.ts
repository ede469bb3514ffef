import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import {
  createCosAuditdDisableAction,
  createCosAuditdEnableAction,
} from './actions';

/**
 * Adds the `cos-auditd:enable` and `cos-auditd:disable` actions to the
 * scaffolder, so software templates can turn Linux audit logging on a GKE
 * cluster on and off. Both call the cos-auditd backend's REST API on
 * behalf of the user running the template.
 *
 * @public
 */
export const scaffolderModuleCosAuditd = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'cos-auditd',
  register({ registerInit }) {
    registerInit({
      deps: {
        scaffolderActions: scaffolderActionsExtensionPoint,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
      },
      async init({ scaffolderActions, discovery, auth }) {
        scaffolderActions.addActions(
          createCosAuditdEnableAction({ discovery, auth }),
          createCosAuditdDisableAction({ discovery, auth }),
        );
      },
    });
  },
});
