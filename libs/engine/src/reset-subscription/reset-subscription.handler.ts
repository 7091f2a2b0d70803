import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { ResetTarget, SubscriptionLifecycleEvent } from '@retrace/domain';
import { EventStore, StreamVersionConflictError } from '@retrace/event-store';
import { countMatchingEvents } from '../subscriptions/count-matching-events';
import { SubscriptionNotFoundError } from '../subscriptions/subscription-not-found.error';
import { SubscriptionChangedError, SubscriptionRepository } from '../subscriptions/subscription-repository';
import { ResetSubscriptionCommand, type ResetSubscriptionResult } from './reset-subscription.command';

const MAX_CONFLICT_RETRIES = 20;

/**
 * Moves the committed position like `kafka-consumer-groups --reset-offsets`: `toPosition: N` makes N
 * the next position consumed (committed = N − 1, at most the head); `toTime: T` makes the first
 * event created at or after T the next (committed = its position − 1, or the head if there is none
 * yet). Recorded as `SubscriptionReset` with actor and reason; the lease in flight is dropped, so
 * its consumer's ack is refused rather than undoing the reset.
 */
@CommandHandler(ResetSubscriptionCommand)
export class ResetSubscriptionHandler implements ICommandHandler<ResetSubscriptionCommand> {
  constructor(
    private readonly store: EventStore,
    private readonly subscriptions: SubscriptionRepository,
  ) {}

  async execute({ name, request, actor }: ResetSubscriptionCommand): Promise<ResetSubscriptionResult> {
    const { target, reason, dryRun } = request;
    for (let attempt = 0; ; attempt++) {
      const sub = await this.subscriptions.find(name);
      if (!sub) throw new SubscriptionNotFoundError(name);
      const currentPosition = sub.committedPosition;
      const newPosition = await this.committedPositionFor(target);
      const [low, high] = newPosition < currentPosition ? [newPosition, currentPosition] : [currentPosition, newPosition];
      const moved = await countMatchingEvents(this.store.sql, sub.definition.filter, low, high);
      const result = {
        dryRun,
        currentPosition,
        newPosition,
        eventsToRedeliver: newPosition < currentPosition ? moved : 0,
        eventsToSkip: newPosition > currentPosition ? moved : 0,
      };
      if (dryRun) return result;

      const requested = 'toPosition' in target ? { toPosition: target.toPosition } : { toTime: target.toTime.toISOString() };
      const event: SubscriptionLifecycleEvent = {
        type: 'SubscriptionReset',
        data: { fromPosition: currentPosition, toPosition: newPosition, reason, actor, request: requested },
      };
      try {
        await this.subscriptions.commit(sub, event, { actor, reason }, { committedPosition: newPosition, clearLease: 'all' });
        return result;
      } catch (error) {
        const lostRace = error instanceof StreamVersionConflictError || error instanceof SubscriptionChangedError;
        if (!lostRace || attempt >= MAX_CONFLICT_RETRIES) throw error;
      }
    }
  }

  private async committedPositionFor(target: ResetTarget): Promise<number> {
    const head = await this.store.readHeadPosition();
    if ('toPosition' in target) return Math.min(target.toPosition - 1, head);
    // Gap-safe and indexed: the lowest position created at or after toTime, among committed events.
    const { events } = await this.store.readSince({ since: target.toTime, limit: 1 });
    return events.length > 0 ? events[0].position - 1 : head;
  }
}
