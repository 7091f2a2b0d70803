import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { ErrorDto } from '../http/errors/dto/error.dto';

/** What each error status means in this API (API.md); every one answers the {@link ErrorDto} shape. */
export const ERROR_MEANINGS = {
  400: 'Invalid input: `error.details.issues` names every field and why (`INVALID_INPUT`, `MALFORMED_JSON`, …).',
  401: 'No API key, or not one of RETRACE_API_KEYS (`UNAUTHENTICATED`).',
  403: 'The key’s role or saga scope does not allow this route (`FORBIDDEN`).',
  404: 'Unknown id or name (`MESSAGE_NOT_FOUND`, `UNKNOWN_SAGA`, …).',
  409: 'Not allowed in the current state: the message names the state and what would work.',
  413: 'The body is larger than RETRACE_MAX_PAYLOAD_BYTES (`PAYLOAD_TOO_LARGE`).',
  429: 'The key’s rate limit is used up (`RATE_LIMITED`); retry after `Retry-After` seconds.',
  503: 'PostgreSQL or the queue backend is unreachable (`DEPENDENCY_DOWN`); retry shortly.',
} as const;

export type ErrorStatus = keyof typeof ERROR_MEANINGS;

/**
 * Documents the error answers a route can give beyond the ones every guarded route shares (401, 403,
 * 429, 503 and, with a body, 413, which `describeRouteAccess` adds from the route's access). `notes`
 * replace the generic meaning where the route can say more.
 */
export const ApiErrors = (statuses: readonly ErrorStatus[], notes: Partial<Record<ErrorStatus, string>> = {}) =>
  applyDecorators(...statuses.map((status) => ApiResponse({ status, description: notes[status] ?? ERROR_MEANINGS[status], type: ErrorDto })));
