import { DomainError } from './domain-error';

/** A command named a step that the message's saga version does not have (HTTP 400). */
export class UnknownStepError extends DomainError {
  readonly code = 'UNKNOWN_STEP';

  constructor(
    readonly step: string,
    readonly sagaSteps: string[],
  ) {
    super(`unknown step "${step}"; the saga's steps are ${sagaSteps.join(', ')}`, { step, sagaSteps });
  }
}
