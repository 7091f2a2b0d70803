import type { Request } from 'express';

/** Who a request acts as: the API key's name once authentication is on, else `anonymous`. */
export const actorOf = (req: Request): string =>
  (req as Request & { retraceKey?: { name: string } }).retraceKey?.name ?? 'anonymous';
