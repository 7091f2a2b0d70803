/**
 * Which events of the log a subscription delivers. Every field narrows: `types` (any of them),
 * `saga` (events of that saga's messages and its registrations), `streamPrefix` (stream ids that
 * start with it). An empty filter delivers every event except other subscriptions' own.
 */
export interface SubscriptionFilter {
  types?: string[];
  saga?: string;
  streamPrefix?: string;
}

export type SubscriptionStartAt = 'beginning' | 'end';

/** A durable subscription (consumer group) as defined by `PUT /v1/subscriptions/{name}`, defaults filled in. */
export interface SubscriptionDefinition {
  filter: SubscriptionFilter;
  startAt: SubscriptionStartAt;
  ackTimeoutMs: number;
}

/** Bounds and defaults of subscriptions (inclusive). */
export const SUBSCRIPTION_LIMITS = {
  defaultAckTimeoutMs: 30_000,
  minAckTimeoutMs: 100,
  maxAckTimeoutMs: 3_600_000,
  defaultBatch: 100,
  maxBatch: 1000,
  maxTypes: 50,
  maxStreamPrefix: 200,
} as const;

/** Stream ids the log uses (DESIGN.md vocabulary); the saga filter follows them. */
export const SUBSCRIPTION_STREAM_PREFIX = 'subscription-';
export const MESSAGE_STREAM_PREFIX = 'message-';
export const SAGA_STREAM_PREFIX = 'saga-';

/** The stream a subscription's lifecycle (definition, acks, resets) is recorded in. */
export const subscriptionStreamId = (name: string): string => `${SUBSCRIPTION_STREAM_PREFIX}${name}`;
