import { Command } from '@nestjs/cqrs';
import type { SubscriptionRecord } from '../subscriptions/subscription-record';

/** Acknowledges a subscription's batch up to `position` (POST /v1/subscriptions/{name}/ack). */
export class AckSubscriptionCommand extends Command<SubscriptionRecord> {
  constructor(
    readonly name: string,
    readonly position: number,
    /** The batch's lease; null accepts any position within the batch in flight. */
    readonly leaseId: string | null,
    readonly actor: string,
  ) {
    super();
  }
}
