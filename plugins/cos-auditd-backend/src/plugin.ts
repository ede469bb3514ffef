import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { createRouter } from './router';

/**
 * The cos-auditd backend plugin: turns Linux audit logging on GKE
 * Container-Optimized OS nodes on and off per catalog cluster entity.
 *
 * @public
 */
export const cosAuditdPlugin = createBackendPlugin({
  pluginId: 'cos-auditd',
  register(env) {
    env.registerInit({
      deps: {
        httpRouter: coreServices.httpRouter,
      },
      async init({ httpRouter }) {
        httpRouter.use(await createRouter());
        // Load balancers and uptime checks probe this without a Backstage token.
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
      },
    });
  },
});
