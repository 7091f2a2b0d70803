import { DomainError } from '@retrace/domain';

/** The selector matches another number of messages than the dry run the caller confirmed (HTTP 409). */
export class ConfirmMismatchError extends DomainError {
  readonly code = 'CONFIRM_MISMATCH';

  constructor(confirmed: number, matched: number) {
    super(
      `confirm says ${confirmed} messages but the selector now matches ${matched}; ` +
        `run the dry run again and confirm ${matched} if that is still what you mean`,
      { confirmed, matched },
    );
  }
}
