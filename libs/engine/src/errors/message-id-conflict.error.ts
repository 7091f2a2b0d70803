import { DomainError } from '@retrace/domain';

/** A message id was published before with another body (HTTP 409). */
export class MessageIdConflictError extends DomainError {
  readonly code = 'MESSAGE_ID_CONFLICT';

  constructor(id: string) {
    super(
      `message '${id}' was already published with a different body; an id is an idempotency key — ` +
        `publish the same body again to get the first answer, or use a new id`,
      { id },
    );
  }
}
