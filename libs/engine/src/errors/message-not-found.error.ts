import { DomainError } from '@retrace/domain';

/** No message has this id (HTTP 404). */
export class MessageNotFoundError extends DomainError {
  readonly code = 'MESSAGE_NOT_FOUND';

  constructor(id: string) {
    super(`message '${id}' does not exist; GET /v1/messages lists the messages there are`, { id });
  }
}
