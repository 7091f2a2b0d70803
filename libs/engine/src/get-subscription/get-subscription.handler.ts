import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { EventStore } from '@retrace/event-store';
import { describeSubscription } from '../subscriptions/describe-subscription';
import { SubscriptionNotFoundError } from '../subscriptions/subscription-not-found.error';
import type { SubscriptionView } from '../subscriptions/subscription-record';
import { SubscriptionRepository } from '../subscriptions/subscription-repository';
import { GetSubscriptionQuery } from './get-subscription.query';

@QueryHandler(GetSubscriptionQuery)
export class GetSubscriptionHandler implements IQueryHandler<GetSubscriptionQuery> {
  constructor(
    private readonly store: EventStore,
    private readonly subscriptions: SubscriptionRepository,
  ) {}

  async execute({ name }: GetSubscriptionQuery): Promise<SubscriptionView> {
    const sub = await this.subscriptions.find(name);
    if (!sub) throw new SubscriptionNotFoundError(name);
    return describeSubscription(this.store, sub);
  }
}
