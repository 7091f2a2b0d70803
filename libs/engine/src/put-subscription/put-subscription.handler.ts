import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { jsonEquals } from '@retrace/domain';
import { EventStore, StreamVersionConflictError } from '@retrace/event-store';
import { SubscriptionDefinitionConflictError } from '../subscriptions/subscription-definition-conflict.error';
import { SubscriptionRepository } from '../subscriptions/subscription-repository';
import { PutSubscriptionCommand, type PutSubscriptionResult } from './put-subscription.command';

const MAX_CONFLICT_RETRIES = 5;

/**
 * Records `SubscriptionDefined` on `subscription-<name>` and its row in one transaction. A
 * definition never changes: the same one again answers the existing subscription, another is 409.
 * `startAt: end` starts at the gap-safe head at definition time.
 */
@CommandHandler(PutSubscriptionCommand)
export class PutSubscriptionHandler implements ICommandHandler<PutSubscriptionCommand> {
  constructor(
    private readonly store: EventStore,
    private readonly subscriptions: SubscriptionRepository,
  ) {}

  async execute({ name, definition, actor }: PutSubscriptionCommand): Promise<PutSubscriptionResult> {
    for (let attempt = 0; ; attempt++) {
      const existing = await this.subscriptions.find(name);
      if (existing) {
        if (!jsonEquals(existing.definition, definition)) throw new SubscriptionDefinitionConflictError(name, existing.definition);
        return { subscription: existing, created: false };
      }
      const startPosition = definition.startAt === 'end' ? await this.store.readHeadPosition() : 0;
      try {
        await this.subscriptions.define(name, definition, startPosition, actor);
      } catch (error) {
        // Defined concurrently by another request: compare with what won.
        if (!(error instanceof StreamVersionConflictError) || attempt >= MAX_CONFLICT_RETRIES) throw error;
        continue;
      }
      const created = await this.subscriptions.find(name);
      if (created) return { subscription: created, created: true };
    }
  }
}
