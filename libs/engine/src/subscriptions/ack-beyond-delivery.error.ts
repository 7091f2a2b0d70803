import { DomainError } from '@retrace/domain';

/** An ack past the end of the batch in flight, or with no batch in flight (HTTP 409). */
export class AckBeyondDeliveryError extends DomainError {
  readonly code = 'ACK_BEYOND_DELIVERY';

  constructor(name: string, position: number, currentPosition: number, deliveredUpTo: number | null) {
    super(
      deliveredUpTo === null
        ? `subscription '${name}' has no batch in flight (committed position ${currentPosition}); ` +
            `fetch one with GET /v1/subscriptions/${name}/next and acknowledge its cursor, or reset it to skip ahead`
        : `position ${position} lies beyond the batch in flight of subscription '${name}', delivered up to ${deliveredUpTo}; ` +
            `acknowledge the batch's cursor or the position of an event in it`,
      { name, position, currentPosition, deliveredUpTo },
    );
  }
}
