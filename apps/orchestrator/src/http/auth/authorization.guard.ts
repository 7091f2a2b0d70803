import { type CanActivate, type ExecutionContext, ForbiddenException, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { ModulesContainer, Reflector } from '@nestjs/core';
import { MessageNotFoundError, SubscriptionNotFoundError } from '@retrace/engine';
import type { FastifyRequest } from 'fastify';
import type { ApiKeyRole } from '../../config/retrace-config';
import { roleMayCall, routeAccessOf, type RouteAccess, type SagaScopeRule } from './access.decorator';
import { listRoutes, undeclaredRoutes } from './list-routes';
import { requestPath } from '../request-path';
import { requestKeyOf, type RequestKey } from './request-key';
import { SagaScope } from './saga-scope';
import { SagaLookup } from './saga-lookup';

const WHO_MAY: Record<ApiKeyRole, string> = {
  operator: 'an operator key',
  viewer: 'a viewer or operator key',
  service: 'a service key scoped to the saga, or an operator key',
};

/**
 * What the caller may do (last of the global guards, after the rate limit): the route's declared
 * roles (operator may call everything; undeclared routes are operator-only), then, for service keys,
 * the saga the request touches against the key's `sagas` globs.
 */
@Injectable()
export class AuthorizationGuard implements CanActivate, OnApplicationBootstrap {
  constructor(
    private readonly reflector: Reflector,
    private readonly lookup: SagaLookup,
    private readonly modules: ModulesContainer,
  ) {}

  /** A route nobody classified still works, for operators only; say so once, at startup. */
  onApplicationBootstrap(): void {
    const undeclared = undeclaredRoutes(listRoutes(this.modules, this.reflector));
    if (undeclared.length === 0) return;
    new Logger('Auth').warn(
      `routes without @Roles or @Public are operator-only: ${undeclared.map((r) => `${r.method} ${r.path}`).join(', ')}`,
    );
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const req = context.switchToHttp().getRequest<FastifyRequest>();
    const key = requestKeyOf(req);
    if (!key || key.role === 'operator') return true;
    const access = routeAccessOf(this.reflector, context.getHandler(), context.getClass());
    if (!roleMayCall(key.role, access)) throw new ForbiddenException(roleRefusal(key, access, req));
    if (key.role === 'service' && !access.public) await this.checkScope(req, key, access.sagaScope);
    return true;
  }

  private async checkScope(req: FastifyRequest, key: RequestKey, rule: SagaScopeRule | undefined): Promise<void> {
    const scope = new SagaScope(key.sagas ?? []);
    const refuse = (what: string) =>
      new ForbiddenException(`service key "${key.name}" may use only the sagas ${scope.describe()}; ${what}`);
    if (!rule) throw refuse(`${req.method} ${requestPath(req)} is not scoped to a saga, so only an operator key may call it`);
    switch (rule.from) {
      case 'filtered':
        return;
      case 'param': {
        const saga = param(req, rule.name);
        if (!scope.allows(saga)) throw refuse(`saga "${saga}" is outside them (whether or not it exists)`);
        return;
      }
      case 'body': {
        const saga = field(req.body, rule.name);
        if (typeof saga === 'string' && !scope.allows(saga)) throw refuse(`"${rule.name}": "${saga}" is outside them (whether or not it exists)`);
        return; // not a string: validation answers 400
      }
      case 'query': {
        const saga: unknown = (req.query as Record<string, unknown>)[rule.name];
        if (saga === undefined) throw refuse(`add ?${rule.name}=<a saga matching ${scope.describe()}> to read within them`);
        if (typeof saga !== 'string' || !scope.allows(saga)) {
          throw refuse(`?${rule.name}=${JSON.stringify(saga)} is outside them (whether or not it exists); give one saga matching ${scope.describe()}`);
        }
        return;
      }
      case 'subscription-body': {
        if (!isObject(req.body)) return; // validation answers 400
        const filter = field(req.body, 'filter');
        if (filter !== undefined && !isObject(filter)) return;
        const saga = field(filter, 'saga');
        if (saga === undefined) {
          throw refuse(`a subscription defined with a service key needs "filter": {"saga": <a saga matching ${scope.describe()}>}`);
        }
        if (typeof saga === 'string' && !scope.allows(saga)) throw refuse(`"filter.saga": "${saga}" is outside them (whether or not it exists)`);
        return;
      }
      case 'message': {
        const id = param(req, rule.name);
        const found = await this.lookup.ofMessage(id);
        // Out of scope answers exactly like unknown: a service learns nothing about other tenants' ids.
        if (!found.found || found.saga === null || !scope.allows(found.saga)) throw new MessageNotFoundError(id);
        return;
      }
      case 'subscription': {
        const name = param(req, rule.name);
        const found = await this.lookup.ofSubscription(name);
        if (!found.found || found.saga === null || !scope.allows(found.saga)) throw new SubscriptionNotFoundError(name);
        return;
      }
    }
  }
}

function roleRefusal(key: RequestKey, access: RouteAccess, req: FastifyRequest): string {
  const needed: ApiKeyRole = access.roles?.includes('viewer') ? 'viewer' : access.roles?.includes('service') ? 'service' : 'operator';
  const readOnly = key.role === 'viewer' ? ' (viewer keys are read-only)' : '';
  return `${req.method} ${requestPath(req)} needs ${WHO_MAY[needed]}; "${key.name}" is a ${key.role} key${readOnly}`;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

const field = (value: unknown, name: string): unknown => (isObject(value) && Object.hasOwn(value, name) ? value[name] : undefined);

const param = (req: FastifyRequest, name: string): string => {
  const value: unknown = (req.params as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : '';
};
