import { randomUUID } from 'node:crypto';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { EventStore } from '@retrace/event-store';
import { readMatchingBatch } from '../subscriptions/read-matching-batch';
import { SubscriptionNotFoundError } from '../subscriptions/subscription-not-found.error';
import { SubscriptionRepository } from '../subscriptions/subscription-repository';
import { NextBatchCommand, type NextBatch } from './next-batch.command';

const MAX_LOST_RACES = 10;

/**
 * Reads the matching events after the committed position and leases them with a compare-and-set
 * on the subscription's row: of two consumers asking at once, one gets the batch and the other an
 * empty answer naming when the lease ends. An unacknowledged batch is delivered again (to whoever
 * asks) once its lease has run out: at-least-once.
 */
@CommandHandler(NextBatchCommand)
export class NextBatchHandler implements ICommandHandler<NextBatchCommand> {
  constructor(
    private readonly store: EventStore,
    private readonly subscriptions: SubscriptionRepository,
  ) {}

  async execute({ name, limit }: NextBatchCommand): Promise<NextBatch> {
    let committedPosition = 0;
    for (let race = 0; race < MAX_LOST_RACES; race++) {
      const sub = await this.subscriptions.find(name);
      if (!sub) throw new SubscriptionNotFoundError(name);
      committedPosition = sub.committedPosition;
      if (sub.lease?.live) return { events: [], cursor: null, leaseId: null, leasedUntil: sub.lease.until, committedPosition };

      const from = Math.max(sub.committedPosition, sub.scannedPosition);
      const batch = await readMatchingBatch(this.store, sub.definition.filter, from, limit);
      if (batch.events.length === 0) {
        // Remember how far nothing matched, so the next call does not scan it again (our own acks land there).
        if (batch.cursor > sub.scannedPosition) await this.subscriptions.noteScanned(name, sub.committedPosition, batch.cursor);
        return { events: [], cursor: null, leaseId: null, leasedUntil: null, committedPosition };
      }
      const leaseId = randomUUID();
      const leasedUntil = await this.subscriptions.lease(sub, leaseId, batch.cursor);
      if (leasedUntil) return { events: batch.events, cursor: batch.cursor, leaseId, leasedUntil, committedPosition };
    }
    // Lost every race: others are busy with this group; an empty answer makes this consumer back off.
    return { events: [], cursor: null, leaseId: null, leasedUntil: null, committedPosition };
  }
}
