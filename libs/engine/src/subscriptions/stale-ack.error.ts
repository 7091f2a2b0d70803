import { DomainError } from '@retrace/domain';

/** An ack that would not move the committed position forward, or of a batch another consumer took over (HTTP 409). */
export class StaleAckError extends DomainError {
  readonly code = 'STALE_ACK';

  constructor(name: string, position: number, currentPosition: number, leaseLost: boolean) {
    super(
      leaseLost
        ? `the lease of this batch of subscription '${name}' expired and the batch was delivered to another consumer, ` +
            `which will acknowledge it; drop the batch and fetch the next one (committed position: ${currentPosition})`
        : `subscription '${name}' has already committed position ${currentPosition}, so an ack of ${position} is stale ` +
            `(another consumer, or a reset, moved it); fetch the next batch`,
      { name, position, currentPosition },
    );
  }
}
