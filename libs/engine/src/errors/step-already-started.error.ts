import { DomainError } from '@retrace/domain';

/** A retract lost the race: a worker took the step's job before it could be withdrawn (HTTP 409). */
export class StepAlreadyStartedError extends DomainError {
  readonly code = 'STEP_ALREADY_STARTED';

  constructor(id: string, step: string) {
    super(
      `message '${id}' can no longer be retracted: a worker has already taken its step '${step}'; ` +
        `use cancel to stop it and compensate, or undo once it completes`,
      { id, step },
    );
  }
}
