import { ArgumentsHost, Catch, HttpException, HttpStatus, Logger, type ExceptionFilter } from '@nestjs/common';
import { DomainError } from '@retrace/domain';
import type { FastifyReply } from 'fastify';
import { errorBody, type ErrorBody } from './error-body';
import { isDependencyDown } from './is-dependency-down';
import { statusForCode } from './status-for-code';

const HTTP_CODES: Partial<Record<number, string>> = {
  400: 'INVALID_INPUT',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
};

/** Maps every error to the API's error shape, in one place (STYLE.md §4). */
@Catch()
export class RetraceExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(error: unknown, host: ArgumentsHost): void {
    const [status, body] = this.describe(error);
    host.switchToHttp().getResponse<FastifyReply>().status(status).send(body);
  }

  private describe(error: unknown): [number, ErrorBody] {
    if (error instanceof DomainError) {
      const status = statusForCode(error.code);
      if (status) return [status, errorBody(error.code, error.message, error.details)];
    }
    if (error instanceof HttpException) {
      const status = error.getStatus();
      const response = error.getResponse();
      const detail = typeof response === 'string' ? response : (response as { message?: unknown }).message;
      const message = typeof detail === 'string' ? detail : Array.isArray(detail) ? detail.join('; ') : error.message;
      return [status, errorBody(HTTP_CODES[status] ?? 'HTTP_ERROR', message)];
    }
    if (isDependencyDown(error)) {
      this.logger.warn(`dependency down: ${(error as Error).message}`);
      return [
        HttpStatus.SERVICE_UNAVAILABLE,
        errorBody('DEPENDENCY_DOWN', 'a dependency (PostgreSQL or the queue backend) is unreachable; retry shortly'),
      ];
    }
    this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    return [HttpStatus.INTERNAL_SERVER_ERROR, errorBody('INTERNAL', 'an internal error occurred; it has been logged')];
  }
}
