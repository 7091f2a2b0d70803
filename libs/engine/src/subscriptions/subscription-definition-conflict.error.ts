import { DomainError } from '@retrace/domain';

/** The name is taken by a subscription with another filter, startAt or ackTimeoutMs (HTTP 409). */
export class SubscriptionDefinitionConflictError extends DomainError {
  readonly code = 'SUBSCRIPTION_DEFINITION_CONFLICT';

  constructor(name: string, existing: unknown) {
    super(
      `subscription '${name}' is already defined differently (see details.existing); a definition never changes — ` +
        `send the same one again, or define the new one under another name and reset it where it should start`,
      { name, existing },
    );
  }
}
