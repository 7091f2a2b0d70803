import { DomainError } from '@retrace/domain';

/** No subscription has this name (HTTP 404). */
export class SubscriptionNotFoundError extends DomainError {
  readonly code = 'SUBSCRIPTION_NOT_FOUND';

  constructor(name: string) {
    super(`subscription '${name}' does not exist; define it with PUT /v1/subscriptions/${name} (GET /v1/subscriptions lists them)`, { name });
  }
}
