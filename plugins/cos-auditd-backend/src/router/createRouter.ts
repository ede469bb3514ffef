import {
  AuthService,
  BackstageCredentials,
  HttpAuthService,
} from '@backstage/backend-plugin-api';
import { GOOGLE_TOKEN_HEADER } from '@cos-auditd/backstage-plugin-cos-auditd-common';
import express from 'express';
import { CallerContext, CosAuditdService } from '../service';
import { createOpenApiRouter } from '../schema/openapi.generated';

/**
 * The plugin's HTTP routes, mounted at `/api/cos-auditd`, as described in
 * `src/schema/openapi.yaml`: the OpenAPI router rejects requests that do not
 * match it with 400 before a handler runs. Handlers only read the caller and
 * the input, and call one service method.
 */
export async function createRouter(options: {
  service: CosAuditdService;
  httpAuth: HttpAuthService;
  auth: AuthService;
}): Promise<express.Router> {
  const { service, httpAuth, auth } = options;
  const router = await createOpenApiRouter();

  const caller = async (
    req: Parameters<HttpAuthService['credentials']>[0],
  ): Promise<CallerContext> => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const token = req.header(GOOGLE_TOKEN_HEADER);
    return {
      credentials,
      actor: actorOf(auth, credentials),
      googleAccessToken: token || undefined,
    };
  };

  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });

  router.get('/clusters', async (req, res) => {
    res.json({ items: await service.listClusters(await caller(req)) });
  });

  router.get('/clusters/:namespace/:name/status', async (req, res) => {
    res.json(await service.status(req.params, await caller(req)));
  });

  router.get('/clusters/:namespace/:name/filters', async (req, res) => {
    res.json(await service.filters(req.params, await caller(req)));
  });

  router.get('/clusters/:namespace/:name/manifest', async (req, res) => {
    const yaml = await service.manifest(
      req.params,
      req.query.filters,
      await caller(req),
    );
    res.type('application/yaml').send(yaml);
  });

  router.post('/clusters/:namespace/:name/apply', async (req, res) => {
    res.json(
      await service.apply(req.params, req.body ?? {}, await caller(req)),
    );
  });

  router.post('/clusters/:namespace/:name/remove', async (req, res) => {
    res.json(
      await service.remove(req.params, req.body ?? {}, await caller(req)),
    );
  });

  router.get('/clusters/:namespace/:name/events', async (req, res) => {
    res.json(await service.events(req.params, req.query, await caller(req)));
  });

  router.get('/operations', async (req, res) => {
    const items = await service.listOperations(
      { entityRef: req.query.entityRef, limit: req.query.limit },
      await caller(req),
    );
    res.json({ items });
  });

  return router;
}

function actorOf(auth: AuthService, credentials: BackstageCredentials) {
  if (auth.isPrincipal(credentials, 'user')) {
    return credentials.principal.userEntityRef;
  }
  if (auth.isPrincipal(credentials, 'service')) {
    return credentials.principal.subject;
  }
  return 'unknown';
}
