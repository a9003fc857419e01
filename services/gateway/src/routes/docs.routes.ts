import { renderDocsPage } from '../docs/docs-page.js';
import { SECURITY_SCHEMES } from '../http/route-access.js';
import type { GatewayApp } from './deps.js';

const INFO = {
  title: 'livegate gateway',
  version: '1',
  description:
    'The HTTP API of livegate: sign in, arm live in two steps, kill switch, orders, reconcile, audit. ' +
    'Errors are { error: { code, message, details? } }.',
};

/** The OpenAPI 3.1 document of every route registered on `app` (the docs routes themselves excluded). */
export function openApiDocument(app: GatewayApp) {
  return app.getOpenAPI31Document({ openapi: '3.1.0', info: INFO });
}

/** `GET /api/openapi.json` and `GET /api/docs` (self-contained HTML): public, built once. */
export function registerDocsRoutes(app: GatewayApp): void {
  app.openAPIRegistry.registerComponent(
    'securitySchemes',
    'sessionCookie',
    SECURITY_SCHEMES.sessionCookie,
  );
  app.openAPIRegistry.registerComponent('securitySchemes', 'apiKey', SECURITY_SCHEMES.apiKey);
  let cached: { json: ReturnType<typeof openApiDocument>; html: string } | undefined;
  const build = () => {
    if (cached === undefined) {
      const json = openApiDocument(app);
      cached = { json, html: renderDocsPage(json as Parameters<typeof renderDocsPage>[0]) };
    }
    return cached;
  };
  app.get('/api/openapi.json', (c) => c.json(build().json));
  app.get('/api/docs', (c) => c.html(build().html));
}
