import { DomainError } from '@retrace/domain';

type BodyRefusal = 'MALFORMED_JSON' | 'PAYLOAD_TOO_LARGE' | 'UNSUPPORTED_MEDIA_TYPE';

/** A request body refused before any route ran (see registerBodyParsers); its code maps to 400, 413 or 415. */
export class BodyRefusedError extends DomainError {
  constructor(
    readonly code: BodyRefusal,
    message: string,
    details?: Record<string, unknown>,
  ) {
    super(message, details);
  }
}
