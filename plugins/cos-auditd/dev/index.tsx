import { createDevApp } from '@backstage/dev-utils';
import { cosAuditdPlugin } from '../src/plugin';

// A development app with just this plugin: `yarn start` in this folder.
createDevApp().registerPlugin(cosAuditdPlugin).render();
