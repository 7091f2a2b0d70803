import { DomainError } from './domain-error';
import type { MessageStatus } from '../message/message-status';

/** A command that the message's current status does not allow (HTTP 409). */
export class IllegalTransitionError extends DomainError {
  readonly code = 'ILLEGAL_TRANSITION';

  constructor(
    readonly command: string,
    readonly status: MessageStatus | null,
    hint: string,
  ) {
    super(`cannot ${command} a message that is ${status ?? 'not accepted yet'}; ${hint}`, { command, status });
  }
}
