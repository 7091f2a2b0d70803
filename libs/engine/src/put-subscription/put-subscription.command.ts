import { Command } from '@nestjs/cqrs';
import type { SubscriptionDefinition } from '@retrace/domain';
import type { SubscriptionRecord } from '../subscriptions/subscription-record';

export interface PutSubscriptionResult {
  subscription: SubscriptionRecord;
  /** False when the same definition was there already. */
  created: boolean;
}

/** Defines a durable subscription (PUT /v1/subscriptions/{name}); idempotent for the same definition. */
export class PutSubscriptionCommand extends Command<PutSubscriptionResult> {
  constructor(
    readonly name: string,
    readonly definition: SubscriptionDefinition,
    readonly actor: string,
  ) {
    super();
  }
}
