import type { INestApplication } from '@nestjs/common';
import { SwaggerModule } from '@nestjs/swagger';
import { buildOpenApiDocument } from './build-openapi-document';

/** Where the UI is; the document is at `${OPENAPI_PATH}-json`. */
export const OPENAPI_PATH = 'docs';

/**
 * Serves the Swagger UI at `/docs` and the document at `/docs-json`, both public (they describe the
 * API, not its data). Given a factory, Swagger builds the document on the first request and keeps
 * it, so startup and the tests that never ask for it pay nothing.
 */
export function setupOpenApi(app: INestApplication): void {
  SwaggerModule.setup(OPENAPI_PATH, app, () => buildOpenApiDocument(app), {
    jsonDocumentUrl: `${OPENAPI_PATH}-json`,
    raw: ['json'],
    customSiteTitle: 'Retrace API',
  });
}
