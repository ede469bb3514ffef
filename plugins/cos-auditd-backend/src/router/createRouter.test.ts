import { mockServices } from '@backstage/backend-test-utils';
import { parse } from 'yaml';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CosAuditdService } from '../service';
import { createRouter } from './createRouter';

type Layer = {
  route?: { path: string; methods: Record<string, boolean> };
};

/** `/clusters/{namespace}/{name}` as Express writes it. */
function expressPath(openApiPath: string) {
  return openApiPath.replace(/\{([^}]+)\}/g, ':$1');
}

describe('createRouter', () => {
  it('serves exactly the routes that src/schema/openapi.yaml describes', async () => {
    const router = await createRouter({
      service: {} as CosAuditdService,
      httpAuth: mockServices.httpAuth(),
      auth: mockServices.auth(),
    });
    const served = (router.stack as Layer[])
      .filter(layer => layer.route)
      .flatMap(layer =>
        Object.keys(layer.route!.methods).map(
          method => `${method.toUpperCase()} ${layer.route!.path}`,
        ),
      )
      // The OpenAPI router's own route that publishes the description.
      .filter(route => route !== 'GET /openapi.json')
      .sort();

    const spec = parse(
      readFileSync(path.join(__dirname, '../schema/openapi.yaml'), 'utf8'),
    ) as { paths: Record<string, Record<string, unknown>> };
    const described = Object.entries(spec.paths)
      .flatMap(([route, operations]) =>
        Object.keys(operations)
          .filter(key =>
            ['get', 'post', 'put', 'patch', 'delete'].includes(key),
          )
          .map(method => `${method.toUpperCase()} ${expressPath(route)}`),
      )
      .sort();

    expect(served.length).toBeGreaterThan(5);
    expect(served).toEqual(described);
  });
});
