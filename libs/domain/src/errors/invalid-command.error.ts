import { DomainError } from './domain-error';

/**
 * A command the status machine cannot take whatever the message's status: the caller broke a rule
 * that validation upstream should have caught (HTTP 400).
 */
export class InvalidCommandError extends DomainError {
  readonly code = 'INVALID_COMMAND';

  constructor(
    readonly command: string,
    reason: string,
  ) {
    super(`invalid ${command}: ${reason}`, { command });
  }
}
