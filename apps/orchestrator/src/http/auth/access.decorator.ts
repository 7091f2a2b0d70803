import { applyDecorators, SetMetadata } from '@nestjs/common';
import { PATH_METADATA } from '@nestjs/common/constants';
import type { Reflector } from '@nestjs/core';
import type { ApiKeyRole } from '../../config/retrace-config';

export const ROLES_METADATA = 'retrace:roles';
export const PUBLIC_METADATA = 'retrace:public';
export const SAGA_SCOPE_METADATA = 'retrace:saga-scope';

/**
 * Where a route names the saga a service key must be scoped to:
 * - `param` / `query` / `body`: a saga name in that route parameter, query parameter (required for
 *   a service key) or body field (a body that is not an object, or a field that is not a string, is
 *   left to validation: 400);
 * - `message` / `subscription`: the saga of the message or subscription named by a route
 *   parameter (looked up; one outside the scope answers 404 exactly like an unknown one);
 * - `subscription-body`: the `filter.saga` of a subscription definition (required for a service key);
 * - `filtered`: the handler itself narrows what it returns to the key's sagas (`sagaScopeOf`).
 */
export type SagaScopeRule =
  | { readonly from: 'param' | 'query' | 'body' | 'message' | 'subscription'; readonly name: string }
  | { readonly from: 'subscription-body' | 'filtered' };

/**
 * The roles that may call a route besides `operator`, who may call every route. A route without
 * `@Roles` or `@Public` is operator-only (fail closed). A route open to `service` also needs
 * `@SagaScoped`, or service keys are refused there.
 */
export const Roles = (...roles: Exclude<ApiKeyRole, 'operator'>[]) => SetMetadata(ROLES_METADATA, roles);

/** Which saga a service key's request touches (see {@link SagaScopeRule}). */
export const SagaScoped = (rule: SagaScopeRule) => SetMetadata(SAGA_SCOPE_METADATA, rule);

/** `@Roles('service') @SagaScoped(rule)` in one. */
export const ServiceRoute = (rule: SagaScopeRule, ...others: Exclude<ApiKeyRole, 'operator' | 'service'>[]) =>
  applyDecorators(Roles('service', ...others), SagaScoped(rule));

/** Open without a key (`/health`): neither authenticated nor rate limited. */
export const Public = () => SetMetadata(PUBLIC_METADATA, true);

/** What a route declares: `public`, or the roles allowed (operator always), plus its saga scope. */
export interface RouteAccess {
  readonly public: boolean;
  /** Undefined: nothing declared, so operator-only. */
  readonly roles: readonly ApiKeyRole[] | undefined;
  readonly sagaScope: SagaScopeRule | undefined;
}

/**
 * Roles for controllers outside `http/` that declare nothing themselves, by controller path: a
 * declaration on the controller wins. `/metrics` (Prometheus) is read-only operations data.
 */
const CONTROLLER_PATH_ROLES: Readonly<Record<string, readonly ApiKeyRole[]>> = { metrics: ['viewer'] };

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export function routeAccessOf(reflector: Reflector, handler: Function, controller: Function): RouteAccess {
  const targets = [handler, controller];
  const path = reflector.get<unknown>(PATH_METADATA, controller);
  return {
    public: reflector.getAllAndOverride<boolean | undefined>(PUBLIC_METADATA, targets) === true,
    roles:
      reflector.getAllAndOverride<ApiKeyRole[] | undefined>(ROLES_METADATA, targets) ??
      (typeof path === 'string' ? CONTROLLER_PATH_ROLES[path.replace(/^\/+|\/+$/g, '')] : undefined),
    sagaScope: reflector.getAllAndOverride<SagaScopeRule | undefined>(SAGA_SCOPE_METADATA, targets),
  };
}

/** Whether a role may call a route that declares `access`. */
export function roleMayCall(role: ApiKeyRole, access: RouteAccess): boolean {
  return role === 'operator' || access.public || (access.roles?.includes(role) ?? false);
}
