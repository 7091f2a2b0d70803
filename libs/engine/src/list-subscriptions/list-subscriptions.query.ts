import { Query } from '@nestjs/cqrs';
import type { SubscriptionView } from '../subscriptions/subscription-record';

/** Every subscription, by name, with the head and its lag (GET /v1/subscriptions). */
export class ListSubscriptionsQuery extends Query<SubscriptionView[]> {}
