export * from './subscribe';
export * from './retrace-http.error';
export { InvalidSubscribeOptionsError } from './validate-subscribe-options';
export type { BatchContext, BatchHandler, SubscribeLogger, SubscribeOptions, Subscription, SubscriptionEvent, SubscriptionFilter } from './subscription-types';
