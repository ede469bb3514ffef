import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { cosAuditdPermissions } from '@cos-auditd/backstage-plugin-cos-auditd-common';
import { ClusterResolver } from './clusters';
import { readCosAuditdConfig } from './config';
import { KubeGateway } from './kube';
import { CloudLoggingReader } from './events';
import { createRouter } from './router';
import { ClusterAuthorization, CosAuditdService } from './service';
import { DatabaseOperationStore } from './store';

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
        auth: coreServices.auth,
        config: coreServices.rootConfig,
        database: coreServices.database,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        logger: coreServices.logger,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        catalog: catalogServiceRef,
      },
      async init({
        auth,
        config,
        database,
        httpAuth,
        httpRouter,
        logger,
        permissions,
        permissionsRegistry,
        catalog,
      }) {
        const settings = readCosAuditdConfig(config);
        permissionsRegistry.addPermissions(cosAuditdPermissions);
        const service = CosAuditdService.create({
          config: settings,
          clusters: ClusterResolver.create({
            catalog,
            allowedClusterOrigins: settings.allowedClusterOrigins,
          }),
          kube: KubeGateway.create({ logger, ...settings.kubernetes }),
          logs: CloudLoggingReader.create(settings.logging),
          store: await DatabaseOperationStore.create({ database }),
          authorization: ClusterAuthorization.create({ permissions }),
          logger,
        });
        httpRouter.use(await createRouter({ service, httpAuth, auth }));
        // Load balancers and uptime checks probe this without a Backstage token.
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
        // The API description is documentation, readable without a token.
        httpRouter.addAuthPolicy({
          path: '/openapi.json',
          allow: 'unauthenticated',
        });
      },
    });
  },
});
