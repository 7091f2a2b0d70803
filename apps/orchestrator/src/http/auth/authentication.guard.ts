import { type CanActivate, type ExecutionContext, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { RETRACE_CONFIG } from '../../bootstrap/runtime-tokens';
import type { RetraceConfig } from '../../config/retrace-config';
import { routeAccessOf } from './access.decorator';
import { ApiKeyRing, bearerToken } from './find-api-key';
import { setRequestKey } from './request-key';

/**
 * Who is calling (first of the global guards). With no `RETRACE_API_KEYS` every request passes as
 * `anonymous` (startup allows that on loopback addresses only). Otherwise a route not marked
 * `@Public` needs `Authorization: Bearer <key>`: missing or unknown is 401 with
 * `WWW-Authenticate: Bearer`, and a known key is put on the request for the guards after this one
 * and as the `actor` of the events the request causes.
 */
@Injectable()
export class AuthenticationGuard implements CanActivate {
  private readonly keys: ApiKeyRing;

  constructor(
    private readonly reflector: Reflector,
    @Inject(RETRACE_CONFIG) config: RetraceConfig,
  ) {
    this.keys = new ApiKeyRing(config.apiKeys);
  }

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http' || this.keys.isEmpty) return true;
    if (routeAccessOf(this.reflector, context.getHandler(), context.getClass()).public) return true;
    const http = context.switchToHttp();
    const req = http.getRequest<FastifyRequest>();
    const token = bearerToken(req.headers.authorization);
    const key = token === undefined ? undefined : this.keys.find(token);
    if (!key) {
      http.getResponse<FastifyReply>().header('WWW-Authenticate', 'Bearer realm="retrace"');
      throw new UnauthorizedException(
        token === undefined
          ? 'this endpoint needs an API key: send "Authorization: Bearer <key>" with a key from RETRACE_API_KEYS'
          : 'the API key is not one of RETRACE_API_KEYS; check the key, or ask an operator for one',
      );
    }
    setRequestKey(req, { name: key.name, role: key.role, ...(key.sagas ? { sagas: key.sagas } : {}) });
    return true;
  }
}
