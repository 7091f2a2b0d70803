import { Query } from '@nestjs/cqrs';
import type { SubscriptionView } from '../subscriptions/subscription-record';

/** One subscription with the head, its lag and its lease (GET /v1/subscriptions/{name}). */
export class GetSubscriptionQuery extends Query<SubscriptionView> {
  constructor(readonly name: string) {
    super();
  }
}
