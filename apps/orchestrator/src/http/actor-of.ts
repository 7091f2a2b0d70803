import type { FastifyRequest } from 'fastify';

/** Who a request acts as: the API key's name once authentication is on, else `anonymous`. */
export const actorOf = (req: FastifyRequest): string =>
  (req as FastifyRequest & { retraceKey?: { name: string } }).retraceKey?.name ?? 'anonymous';
