import { createBackendModule } from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';

/**
 * Adds the cos-auditd actions to the scaffolder, so software templates can
 * turn Linux audit logging on a GKE cluster on and off.
 *
 * @public
 */
export const scaffolderModuleCosAuditd = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'cos-auditd',
  register({ registerInit }) {
    registerInit({
      deps: { scaffolderActions: scaffolderActionsExtensionPoint },
      async init({ scaffolderActions }) {
        // The enable/disable actions call the cos-auditd backend; until they
        // exist the module contributes no actions.
        scaffolderActions.addActions();
      },
    });
  },
});
