import type { FastifyRequest } from 'fastify';

/** The request's path, without its query string (as the client sent it: not decoded). */
export const requestPath = (req: FastifyRequest): string => {
  const query = req.url.indexOf('?');
  return query < 0 ? req.url : req.url.slice(0, query);
};
