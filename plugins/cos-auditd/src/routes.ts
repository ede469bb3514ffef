import { createRouteRef } from '@backstage/core-plugin-api';

/** Where the entity tab is mounted. */
export const rootRouteRef = createRouteRef({
  id: 'cos-auditd',
});
