import { createBackend } from '@backstage/backend-defaults';
import { mockServices } from '@backstage/backend-test-utils';

// A minimal backend with just this plugin, for working on it in isolation:
//
//   yarn workspace @cos-auditd/backstage-plugin-cos-auditd-backend start
//   curl http://localhost:7007/api/cos-auditd/health
const backend = createBackend();

// Mock auth lets you call the API without signing in.
backend.add(mockServices.auth.factory());
backend.add(mockServices.httpAuth.factory());

backend.add(import('../src'));

backend.start();
