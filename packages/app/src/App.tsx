import { createApp } from '@backstage/frontend-defaults';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import cosAuditdPlugin from '@cos-auditd/backstage-plugin-cos-auditd/alpha';
import { navModule } from './modules/nav';

// Other plugins in package.json are discovered (`app.packages: all`); these are
// listed so that tests, which run without discovery, get them too.
export default createApp({
  features: [catalogPlugin, cosAuditdPlugin, navModule],
});
