import type { FastifyRequest } from 'fastify';
import type { ApiKeyRole } from '../../config/retrace-config';
import { SagaScope } from './saga-scope';

/** Who made a request, as the authentication guard found it; never the key itself. */
export interface RequestKey {
  readonly name: string;
  readonly role: ApiKeyRole;
  /** Only for `service` keys. */
  readonly sagas?: readonly string[];
}

type KeyedRequest = FastifyRequest & { retraceKey?: RequestKey };

/** The request's key; undefined when authentication is off (everything is allowed, as `anonymous`). */
export const requestKeyOf = (req: FastifyRequest): RequestKey | undefined => (req as KeyedRequest).retraceKey;

export const setRequestKey = (req: FastifyRequest, key: RequestKey): void => {
  (req as KeyedRequest).retraceKey = key;
};

/**
 * The sagas this request may see, for handlers that filter a list (`GET /v1/sagas`); undefined
 * when it may see every saga (operator, viewer, or authentication off).
 */
export function sagaScopeOf(req: FastifyRequest): SagaScope | undefined {
  const key = requestKeyOf(req);
  return key?.role === 'service' ? new SagaScope(key.sagas ?? []) : undefined;
}
