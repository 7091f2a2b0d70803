import { randomUUID } from 'node:crypto';
import type { RouteInfo } from '../../apps/orchestrator/src/http/auth/list-routes';
import { ordersSagaBody } from '../support/orders-saga';

/** What exists in the fuzzed app, so that seeds point at real records and requests reach deep checks. */
export interface FuzzWorld {
  saga: string;
  messageId: string;
  subscription: string;
  operationId: string;
}

/** A request to a route that would pass validation: the starting point of every mutation. */
export interface RouteSeed {
  params: Record<string, string>;
  query: Record<string, string>;
  body?: unknown;
}

const REASON = { reason: 'fuzz' };

/** Valid bodies and queries by route; a route not listed here (added later) still gets fuzzed from an empty seed. */
function seedOf(route: string, w: FuzzWorld): Omit<RouteSeed, 'params'> {
  const since = '2026-01-01T00:00:00Z';
  switch (route) {
    case 'PUT /v1/sagas/:name':
      return { query: {}, body: { ...ordersSagaBody(1), redact: ['card.number'] } };
    case 'GET /v1/sagas/:name':
      return { query: { version: '1' } };
    case 'POST /v1/messages':
      return { query: {}, body: { saga: w.saga, id: `fz-${randomUUID()}`, type: 'command', payload: { sku: 'A-1', qty: 2, card: { number: '4111' } }, delayMs: 0, correlationId: 'c-1' } };
    case 'GET /v1/messages':
      return { query: { status: 'PENDING,FAILED', saga: w.saga, from: since, to: '2030-01-01T00:00:00Z', limit: '10' } };
    case 'GET /v1/events':
      return { query: { after: '0', limit: '10', types: 'MessageAccepted', saga: w.saga } };
    case 'GET /v1/events/stream':
      return { query: { since, types: 'MessageAccepted', saga: w.saga } };
    case 'PUT /v1/subscriptions/:name':
      return { query: {}, body: { filter: { saga: w.saga, types: ['MessageAccepted'] }, startAt: 'beginning', ackTimeoutMs: 30_000 } };
    case 'GET /v1/subscriptions/:name/next':
      return { query: { limit: '5' } };
    case 'POST /v1/subscriptions/:name/ack':
      return { query: {}, body: { position: 1, leaseId: randomUUID() } };
    case 'POST /v1/admin/messages/:id/retract':
    case 'POST /v1/admin/messages/:id/cancel':
      return { query: {}, body: REASON };
    case 'POST /v1/admin/messages/:id/undo':
      return { query: {}, body: { ...REASON, force: false } };
    case 'POST /v1/admin/messages/:id/replay':
      return { query: {}, body: { ...REASON, mode: 'resume', fromStep: 'charge', force: true, patch: { qty: 3 } } };
    case 'POST /v1/admin/operations':
      return {
        query: {},
        body: { action: 'replay', mode: 'restart', reason: 'fuzz', selector: { fromPosition: 1, toPosition: 10_000, from: since, saga: w.saga, status: ['FAILED'] }, dryRun: true, maxInFlight: 5 },
      };
    case 'GET /v1/admin/operations':
      return { query: { limit: '10' } };
    case 'POST /v1/admin/subscriptions/:name/reset':
      return { query: {}, body: { toPosition: 1, reason: 'fuzz', dryRun: true } };
    case 'POST /v1/admin/projections/rebuild':
      return { query: {}, body: { projections: ['sagas'], reason: 'fuzz' } };
    case 'GET /v1/admin/stats/transitions':
      return { query: { saga: w.saga, from: since, to: '2030-01-01T00:00:00Z' } };
    default:
      return { query: {}, ...(route.startsWith('GET ') ? {} : { body: {} }) };
  }
}

function paramOf(route: RouteInfo, name: string, w: FuzzWorld): string {
  if (name === 'name') return route.path.includes('subscriptions') ? w.subscription : w.saga;
  if (name === 'id') return route.path.includes('operations') || route.path.includes('rebuilds') ? w.operationId : w.messageId;
  return 'x';
}

export function routeSeed(route: RouteInfo, world: FuzzWorld): RouteSeed {
  const names = [...route.path.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1]);
  const params = Object.fromEntries(names.map((n) => [n, paramOf(route, n, world)]));
  return { params, ...seedOf(`${route.method} ${route.path}`, world) };
}
