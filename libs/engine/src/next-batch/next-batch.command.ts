import { Command } from '@nestjs/cqrs';
import type { RecordedEvent } from '@retrace/event-store';

/**
 * A batch for one consumer of a group. With events, the batch is leased: `cursor` is what to ack
 * (≥ the last event's position; it also covers the non-matching events scanned past) and
 * `leaseId` names the lease. Without events there is nothing to ack: either nothing new matches,
 * or another consumer holds the batch in flight until `leasedUntil`.
 */
export interface NextBatch {
  events: RecordedEvent[];
  cursor: number | null;
  leaseId: string | null;
  leasedUntil: Date | null;
  committedPosition: number;
}

/** The next batch of a subscription (GET /v1/subscriptions/{name}/next). */
export class NextBatchCommand extends Command<NextBatch> {
  constructor(
    readonly name: string,
    readonly limit: number,
  ) {
    super();
  }
}
