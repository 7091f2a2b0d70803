import { AckSubscriptionHandler } from '../ack-subscription/ack-subscription.handler';
import { GetSubscriptionHandler } from '../get-subscription/get-subscription.handler';
import { ListSubscriptionsHandler } from '../list-subscriptions/list-subscriptions.handler';
import { NextBatchHandler } from '../next-batch/next-batch.handler';
import { PutSubscriptionHandler } from '../put-subscription/put-subscription.handler';
import { ResetSubscriptionHandler } from '../reset-subscription/reset-subscription.handler';
import { SubscriptionRepository } from './subscription-repository';

/** Durable subscriptions: their repository and use cases, for EngineModule's providers. */
export const SUBSCRIPTION_PROVIDERS = [
  SubscriptionRepository,
  PutSubscriptionHandler,
  NextBatchHandler,
  AckSubscriptionHandler,
  ResetSubscriptionHandler,
  GetSubscriptionHandler,
  ListSubscriptionsHandler,
];
