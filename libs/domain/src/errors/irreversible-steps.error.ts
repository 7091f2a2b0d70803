import { DomainError } from './domain-error';

/** An undo would have to pass over steps that have no compensation (HTTP 409). */
export class IrreversibleStepsError extends DomainError {
  readonly code = 'IRREVERSIBLE_STEPS';

  constructor(readonly steps: string[]) {
    const one = steps.length === 1;
    super(
      `cannot undo: ${one ? 'step' : 'steps'} ${steps.join(', ')} ${one ? 'has' : 'have'} no compensation ` +
        `(irreversible); pass force to skip ${one ? 'it' : 'them'} and compensate the rest`,
      { steps },
    );
  }
}
