import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { EventStore } from '@retrace/event-store';
import { describeSubscription } from '../subscriptions/describe-subscription';
import type { SubscriptionView } from '../subscriptions/subscription-record';
import { SubscriptionRepository } from '../subscriptions/subscription-repository';
import { ListSubscriptionsQuery } from './list-subscriptions.query';

@QueryHandler(ListSubscriptionsQuery)
export class ListSubscriptionsHandler implements IQueryHandler<ListSubscriptionsQuery> {
  constructor(
    private readonly store: EventStore,
    private readonly subscriptions: SubscriptionRepository,
  ) {}

  async execute(): Promise<SubscriptionView[]> {
    const subs = await this.subscriptions.list();
    return Promise.all(subs.map((sub) => describeSubscription(this.store, sub)));
  }
}
