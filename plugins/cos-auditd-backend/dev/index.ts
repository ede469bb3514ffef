import { createBackend } from '@backstage/backend-defaults';
import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';

// A minimal backend with just this plugin and the demo cluster entities, for
// working on it in isolation against the simulator (`yarn sim` at the root):
//
//   yarn workspace @cos-auditd/backstage-plugin-cos-auditd-backend start
//   curl http://localhost:7007/api/cos-auditd/clusters/default/demo-gke-prod/status
const backend = createBackend();

// Mock auth lets you call the API without signing in.
backend.add(mockServices.auth.factory());
backend.add(mockServices.httpAuth.factory());

const demoClusters = parseAllDocuments(
  readFileSync(resolve(__dirname, '../../../examples/clusters.yaml'), 'utf8'),
).map(document => document.toJS() as Entity);
backend.add(catalogServiceMock.factory({ entities: demoClusters }));

backend.add(import('../src'));

backend.start();
