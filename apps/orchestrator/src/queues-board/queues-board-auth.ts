import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ApiKey } from '../config/retrace-config';
import { errorBody } from '../http/errors/error-body';
import { ApiKeyRing, bearerToken } from '../http/auth/find-api-key';

/** The Basic challenge a browser answers with a login prompt. */
export const QUEUES_BOARD_CHALLENGE = 'Basic realm="Retrace queues", charset="UTF-8"';

/** The password of an `Authorization: Basic base64(user:password)` header (any user), else undefined. */
export function basicPassword(header: string | undefined): string | undefined {
  const match = /^Basic[ \t]+([A-Za-z0-9+/]+={0,2})[ \t]*$/i.exec(header ?? '');
  if (!match) return undefined;
  const credentials = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = credentials.indexOf(':');
  return colon < 0 ? undefined : credentials.slice(colon + 1);
}

/**
 * Guards the queue dashboard (an `onRequest` hook of its routes, which Nest's guards never see):
 * the API key as `Authorization: Bearer <key>` or as the password of HTTP Basic (so a browser can
 * open it), and only an operator key passes. Missing or unknown: 401 with a Basic challenge; another role: 403.
 * Without RETRACE_API_KEYS everything passes, as everywhere in the API (loopback only).
 */
export function queuesBoardAuth(apiKeys: readonly ApiKey[]): (req: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply | undefined> {
  const keys = new ApiKeyRing(apiKeys);
  return async (req, reply) => {
    if (keys.isEmpty) return undefined;
    const header = req.headers.authorization;
    const presented = bearerToken(header) ?? basicPassword(header);
    const key = presented === undefined ? undefined : keys.find(presented);
    if (!key) {
      reply.header('WWW-Authenticate', QUEUES_BOARD_CHALLENGE);
      const message =
        presented === undefined
          ? 'the queue dashboard needs an operator API key: send "Authorization: Bearer <key>", or log in with any user name and the key as password'
          : 'the API key is not one of RETRACE_API_KEYS; check the key, or ask an operator for one';
      return reply.status(401).send(errorBody('UNAUTHENTICATED', message));
    }
    if (key.role !== 'operator') {
      return reply.status(403).send(errorBody('FORBIDDEN', `the queue dashboard needs an operator key; "${key.name}" is a ${key.role} key`));
    }
    return undefined;
  };
}
