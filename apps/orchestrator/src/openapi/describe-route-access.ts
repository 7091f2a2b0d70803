import type { OpenAPIObject, OperationObject, PathItemObject, ResponsesObject } from '@nestjs/swagger';
import type { RouteInfo } from '../http/auth/list-routes';
import { ERROR_MEANINGS, type ErrorStatus } from './api-errors.decorator';

/** The name of the bearer security scheme in `components.securitySchemes`. */
export const BEARER_SCHEME = 'bearer';

/** `/v1/messages/:id` → `/v1/messages/{id}`. */
export const openApiPath = (expressPath: string): string => expressPath.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

/** An operation with the roles that may call it (`public`, or `operator` and the others declared). */
type Operation = OperationObject & { 'x-retrace-roles'?: string[] };

type Method = 'get' | 'put' | 'post' | 'delete' | 'patch';

const ERROR_REF = { $ref: '#/components/schemas/ErrorDto' };

const errorResponse = (status: ErrorStatus) => ({ description: ERROR_MEANINGS[status], content: { 'application/json': { schema: ERROR_REF } } });

function addResponse(responses: ResponsesObject, status: ErrorStatus): void {
  responses[String(status)] ??= errorResponse(status);
}

function whoMayCall(route: RouteInfo): string[] {
  return ['operator', ...(route.access.roles ?? [])];
}

function scopeNote(route: RouteInfo): string {
  const rule = route.access.sagaScope;
  if (!route.access.roles?.includes('service') || !rule) return '';
  switch (rule.from) {
    case 'filtered':
      return ' A service key sees only what belongs to its sagas.';
    case 'query':
      return ` A service key must pass \`?${rule.name}=\` with one of its sagas.`;
    case 'subscription-body':
      return ' A service key must set `filter.saga` to one of its sagas.';
    case 'message':
    case 'subscription':
      return ` Outside a service key's sagas the ${rule.from} answers 404, as an unknown one.`;
    case 'param':
    case 'body':
      return ` A service key must name one of its sagas in \`${rule.name}\` (403 otherwise, whether or not the saga exists).`;
  }
}

/**
 * Writes each route's access, as its `@Public`/`@Roles`/`@ServiceRoute` declare it (the same
 * metadata the guards read), into the generated document: the bearer requirement, the roles in
 * `x-retrace-roles` and the description, and the error answers every guarded route shares (401,
 * 403, 429, 503; 413 where there is a body). Routes not found in the document are left to the test.
 */
export function describeRouteAccess(document: OpenAPIObject, routes: readonly RouteInfo[]): void {
  for (const route of routes) {
    const item: PathItemObject | undefined = document.paths[openApiPath(route.path)];
    const operation: Operation | undefined = item?.[route.method.toLowerCase() as Method];
    if (!operation) continue;
    if (route.access.public) {
      operation.security = [];
      operation['x-retrace-roles'] = ['public'];
      continue;
    }
    const roles = whoMayCall(route);
    operation.security = [{ [BEARER_SCHEME]: [] }];
    operation['x-retrace-roles'] = roles;
    const access = `**Access:** ${roles.join(', ')} key.${scopeNote(route)}`;
    operation.description = operation.description ? `${operation.description}\n\n${access}` : access;
    const statuses: ErrorStatus[] = [401, 403, 429, 503];
    if (operation.requestBody) statuses.push(413);
    for (const status of statuses) addResponse(operation.responses, status);
  }
}
