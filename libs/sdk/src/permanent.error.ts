import { UnrecoverableError } from 'bullmq';

/**
 * Throw from a step handler when trying again cannot help (the card is declined, the payload is
 * invalid): the step fails at once, with no further attempts, and the orchestrator compensates.
 * Like Temporal's `ApplicationFailure.nonRetryable`. It is a BullMQ `UnrecoverableError`, so BullMQ
 * itself does not retry the job; a plain `UnrecoverableError` is treated as permanent too.
 *
 * @example
 * throw new PermanentError(`card ${input.cardId} was declined`, { code: 'CARD_DECLINED' });
 */
export class PermanentError extends UnrecoverableError {
  /** Machine-readable reason, sent as `error.code` in the `failed` reply. */
  readonly code?: string;

  constructor(message: string, options: { code?: string; cause?: unknown } = {}) {
    super(message);
    this.name = 'PermanentError';
    if (options.code !== undefined) this.code = options.code;
    if ('cause' in options) this.cause = options.cause;
  }
}
