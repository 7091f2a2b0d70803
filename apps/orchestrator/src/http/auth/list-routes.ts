import { RequestMethod, type Type } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { MetadataScanner, ModulesContainer, Reflector } from '@nestjs/core';
import { routeAccessOf, type RouteAccess } from './access.decorator';

/** One HTTP route of the app with what it declares about access. */
export interface RouteInfo {
  readonly method: string;
  /** Express style, `/v1/messages/:id`. */
  readonly path: string;
  readonly controller: string;
  readonly handler: string;
  readonly access: RouteAccess;
}

const joinPath = (...parts: string[]): string =>
  `/${parts
    .flatMap((p) => p.split('/'))
    .filter((p) => p !== '')
    .join('/')}`;

/**
 * Every route Nest registered, from every module's controllers (so a route added anywhere, by any
 * module, is listed): what the access tests run over, and what `assertEveryRouteDeclared` checks.
 */
export function listRoutes(modules: ModulesContainer, reflector: Reflector = new Reflector()): RouteInfo[] {
  const scanner = new MetadataScanner();
  const routes: RouteInfo[] = [];
  for (const module of modules.values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as Type | null;
      if (!controller) continue;
      const base = reflector.get<string | string[] | undefined>(PATH_METADATA, controller) ?? '';
      for (const name of scanner.getAllMethodNames(controller.prototype as object)) {
        const handler = (controller.prototype as Record<string, unknown>)[name];
        if (typeof handler !== 'function') continue;
        const path = reflector.get<string | string[] | undefined>(PATH_METADATA, handler);
        const method = reflector.get<RequestMethod | undefined>(METHOD_METADATA, handler);
        if (path === undefined || method === undefined) continue;
        for (const b of [base].flat()) {
          for (const p of [path].flat()) {
            routes.push({
              method: RequestMethod[method],
              path: joinPath(b, p),
              controller: controller.name,
              handler: name,
              access: routeAccessOf(reflector, handler, controller),
            });
          }
        }
      }
    }
  }
  return routes.sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method));
}

/** Routes that declare neither `@Roles` nor `@Public`: they fall back to operator-only. */
export const undeclaredRoutes = (routes: readonly RouteInfo[]): RouteInfo[] =>
  routes.filter((r) => !r.access.public && r.access.roles === undefined);

/** Routes open to service keys that do not say which saga they touch: service keys are refused there. */
export const unscopedServiceRoutes = (routes: readonly RouteInfo[]): RouteInfo[] =>
  routes.filter((r) => r.access.roles?.includes('service') === true && r.access.sagaScope === undefined);
