import type { INestApplication } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { listRoutes } from '../http/auth/list-routes';
import { ErrorDto } from '../http/errors/dto/error.dto';
import { describeOperationsEndpoints } from './describe-operations-endpoints';
import { BEARER_SCHEME, describeRouteAccess } from './describe-route-access';

const TAGS: ReadonlyArray<[string, string]> = [
  ['sagas', 'Register and read saga definitions (service).'],
  ['messages', 'Publish messages and read their state and history (service).'],
  ['events', 'Read and follow the log (service).'],
  ['subscriptions', 'Durable subscriptions (consumer groups) over the log (service).'],
  ['admin', 'Operator actions, bulk operations, statistics and projections.'],
  ['operations', 'Health and metrics of the orchestrator.'],
];

/**
 * The OpenAPI document of the running app: routes, parameters and DTO schemas from the
 * controllers' decorators (`@nestjs/swagger`), then each route's access from the same
 * `@Public`/`@Roles`/`@ServiceRoute` metadata the guards enforce.
 */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const builder = new DocumentBuilder()
    .setTitle('Retrace')
    .setDescription(
      'Event-sourced saga orchestrator: register sagas, publish messages, read the log, and retract, cancel, undo or replay ' +
        'messages one by one or in bulk. Errors are `{"error": {"code", "message", "details"?}}`. ' +
        'Authentication: `Authorization: Bearer <key>` with a key from RETRACE_API_KEYS (none needed when it is unset, on loopback only); ' +
        'each operation lists the roles that may call it. The queue dashboard is at `/admin/queues` (operator).',
    )
    .setVersion('1')
    .setLicense('MIT', 'https://opensource.org/licenses/MIT')
    .addServer('/', 'This orchestrator')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'An API key from RETRACE_API_KEYS (roles: service, viewer, operator).' }, BEARER_SCHEME);
  for (const [name, description] of TAGS) builder.addTag(name, description);
  const document = SwaggerModule.createDocument(app, builder.build(), { extraModels: [ErrorDto] });
  describeRouteAccess(document, listRoutes(app.get(ModulesContainer)));
  describeOperationsEndpoints(document);
  return document;
}
