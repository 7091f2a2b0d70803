import type { OpenAPIObject, SchemaObject } from '@nestjs/swagger';

/**
 * `/health` and `/metrics` answer outside the API's JSON DTOs (a report shaped by the checks, the
 * Prometheus text format), and their controllers live outside `http/`: their answers are described
 * here, by path, when the app has them.
 */
export function describeOperationsEndpoints(document: OpenAPIObject): void {
  const health = document.paths['/health']?.get;
  if (health) {
    health.tags = ['operations'];
    health.summary = 'Health of PostgreSQL and the queue backend';
    const report: SchemaObject = {
      type: 'object',
      required: ['status', 'checks'],
      properties: {
        status: { type: 'string', enum: ['ok', 'error'] },
        checks: { type: 'object', additionalProperties: { type: 'string', enum: ['up', 'down'] } },
        errors: { type: 'object', additionalProperties: { type: 'string' }, description: 'Why each failing check is down.' },
      },
    };
    health.responses = {
      '200': { description: 'Every dependency answers.', content: { 'application/json': { schema: report } } },
      '503': { description: 'Some dependency does not answer; `errors` says why.', content: { 'application/json': { schema: report } } },
    };
  }
  const metrics = document.paths['/metrics']?.get;
  if (metrics) {
    metrics.tags = ['operations'];
    metrics.summary = 'Prometheus metrics';
    metrics.responses = {
      ...metrics.responses,
      '200': { description: 'The Prometheus text exposition format (README "Observability").', content: { 'text/plain': { schema: { type: 'string' } } } },
    };
  }
}
