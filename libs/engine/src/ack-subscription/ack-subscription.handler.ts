import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { SubscriptionLifecycleEvent } from '@retrace/domain';
import { StreamVersionConflictError } from '@retrace/event-store';
import { AckBeyondDeliveryError } from '../subscriptions/ack-beyond-delivery.error';
import { StaleAckError } from '../subscriptions/stale-ack.error';
import { SubscriptionNotFoundError } from '../subscriptions/subscription-not-found.error';
import type { SubscriptionRecord } from '../subscriptions/subscription-record';
import { SubscriptionChangedError, SubscriptionRepository } from '../subscriptions/subscription-repository';
import { AckSubscriptionCommand } from './ack-subscription.command';

const MAX_CONFLICT_RETRIES = 20;

/**
 * Moves the committed position forward, never back, and never past the batch in flight: a
 * `SubscriptionAcked` event appended at the stream's version plus a compare-and-set on the row, so
 * of two consumers acking at once exactly one wins and the other is told the position is stale.
 */
@CommandHandler(AckSubscriptionCommand)
export class AckSubscriptionHandler implements ICommandHandler<AckSubscriptionCommand> {
  constructor(private readonly subscriptions: SubscriptionRepository) {}

  async execute({ name, position, leaseId, actor }: AckSubscriptionCommand): Promise<SubscriptionRecord> {
    for (let attempt = 0; ; attempt++) {
      const sub = await this.subscriptions.find(name);
      if (!sub) throw new SubscriptionNotFoundError(name);
      const { committedPosition, lease } = sub;
      if (position <= committedPosition) throw new StaleAckError(name, position, committedPosition, false);
      if (leaseId !== null && lease?.id !== leaseId) throw new StaleAckError(name, position, committedPosition, true);
      if (!lease) throw new AckBeyondDeliveryError(name, position, committedPosition, null);
      if (position > lease.lastPosition) throw new AckBeyondDeliveryError(name, position, committedPosition, lease.lastPosition);

      const event: SubscriptionLifecycleEvent = { type: 'SubscriptionAcked', data: { position } };
      try {
        await this.subscriptions.commit(sub, event, { actor }, { committedPosition: position, clearLease: 'if-covered' });
        return (await this.subscriptions.find(name)) ?? sub;
      } catch (error) {
        const lostRace = error instanceof StreamVersionConflictError || error instanceof SubscriptionChangedError;
        if (!lostRace || attempt >= MAX_CONFLICT_RETRIES) throw error;
      }
    }
  }
}
