import { type ExecutionContext, HttpException, HttpStatus, Injectable } from '@nestjs/common';
import { ThrottlerGuard, type ThrottlerLimitDetail } from '@nestjs/throttler';
import type { FastifyRequest } from 'fastify';
import { routeAccessOf } from '../auth/access.decorator';
import { requestKeyOf } from '../auth/request-key';

/** The window of `RETRACE_RATE_LIMIT`: requests per minute. */
export const RATE_LIMIT_WINDOW_MS = 60_000;

/**
 * `RETRACE_RATE_LIMIT` requests per minute per API key over all routes together (per client IP when
 * authentication is off), a sliding window kept in this process's memory. Runs after authentication,
 * so the key is known; `@Public` routes (`/health`) are not limited. Over the limit: 429
 * `RATE_LIMITED` with `Retry-After` (seconds).
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  protected override async shouldSkip(context: ExecutionContext): Promise<boolean> {
    return Promise.resolve(context.getType() !== 'http' || routeAccessOf(this.reflector, context.getHandler(), context.getClass()).public);
  }

  protected override async getTracker(req: Record<string, unknown>): Promise<string> {
    const key = requestKeyOf(req as unknown as FastifyRequest);
    return key ? `key:${key.name}` : `ip:${await super.getTracker(req)}`;
  }

  /** One budget per caller across every route (the default would count each route separately). */
  protected override generateKey(_context: ExecutionContext, tracker: string, throttlerName: string): string {
    return `${throttlerName}:${tracker}`;
  }

  protected override async throwThrottlingException(_context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    const who = detail.tracker.startsWith('key:') ? `API key "${detail.tracker.slice(4)}"` : `client ${detail.tracker.slice(3)}`;
    return Promise.reject(
      new HttpException(
        `${who} made more than ${detail.limit} requests in a minute (RETRACE_RATE_LIMIT); retry after ${detail.timeToBlockExpire} s`,
        HttpStatus.TOO_MANY_REQUESTS,
      ),
    );
  }
}
