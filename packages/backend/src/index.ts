import { createBackend } from '@backstage/backend-defaults';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));

// auth: guest sign-in for the demo, see https://backstage.io/docs/auth/guest/provider
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));

// catalog: the cluster entities that cos-auditd acts on
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
);
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));

// permissions: cos-auditd's actions are gated by the permission framework
backend.add(import('@backstage/plugin-permission-backend'));
backend.add(
  import('@backstage/plugin-permission-backend-module-allow-all-policy'),
);

// scaffolder, with the actions that enable and disable cos-auditd
backend.add(import('@backstage/plugin-scaffolder-backend'));
backend.add(
  import('@cos-auditd/backstage-plugin-scaffolder-backend-module-cos-auditd'),
);

// cos-auditd: Linux audit logging on GKE Container-Optimized OS nodes
backend.add(import('@cos-auditd/backstage-plugin-cos-auditd-backend'));

backend.start();
