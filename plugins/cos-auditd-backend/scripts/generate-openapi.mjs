#!/usr/bin/env node
// Writes src/schema/openapi.generated.ts from src/schema/openapi.yaml: the
// spec as a typed constant, which backend-openapi-utils turns into a router
// whose handlers are typed from the spec. Run after editing openapi.yaml;
// a test fails while the two disagree.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const schemaDir = join(dirname(fileURLToPath(import.meta.url)), '../src/schema');
const spec = parse(readFileSync(join(schemaDir, 'openapi.yaml'), 'utf8'));

writeFileSync(
  join(schemaDir, 'openapi.generated.ts'),
  `/* eslint-disable */
// Generated from openapi.yaml by \`yarn workspace @cos-auditd/backstage-plugin-cos-auditd-backend generate:openapi\`. Do not edit.
import { createValidatedOpenApiRouter } from '@backstage/backend-openapi-utils';

export const spec = ${JSON.stringify(spec, null, 2)} as const;

export const createOpenApiRouter = async (
  options?: Parameters<typeof createValidatedOpenApiRouter>['1'],
) => createValidatedOpenApiRouter<typeof spec>(spec, options);
`,
);
