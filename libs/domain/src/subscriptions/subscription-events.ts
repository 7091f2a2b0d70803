import type { SubscriptionDefinition } from './subscription-definition';

/** The subscription was defined; `startPosition` is its first committed position (0, or the head for `startAt: end`). */
export interface SubscriptionDefinedEvent {
  type: 'SubscriptionDefined';
  data: SubscriptionDefinition & { startPosition: number };
}

/** A consumer acknowledged everything up to `position`: the committed position moved there. */
export interface SubscriptionAckedEvent {
  type: 'SubscriptionAcked';
  data: { position: number };
}

/**
 * An operator moved the committed position from `fromPosition` to `toPosition` (both committed
 * positions: the next event delivered is the first matching one after `toPosition`). `request` is
 * what was asked (`{toPosition}` in Kafka's meaning, or `{toTime}`).
 */
export interface SubscriptionResetEvent {
  type: 'SubscriptionReset';
  data: {
    fromPosition: number;
    toPosition: number;
    reason: string;
    actor: string;
    request: { toPosition: number } | { toTime: string };
  };
}

/** What a subscription's stream (`subscription-<name>`) holds. */
export type SubscriptionLifecycleEvent = SubscriptionDefinedEvent | SubscriptionAckedEvent | SubscriptionResetEvent;

/** A subscription as its stream folds: the checkpoint that the read model holds. */
export interface SubscriptionState {
  definition: SubscriptionDefinition;
  startPosition: number;
  committedPosition: number;
}

/**
 * Folds one lifecycle event. The read model's checkpoint is exactly this fold of the stream, so it
 * can be rebuilt from the log alone (leases are not part of it: a rebuild simply forgets them, and
 * their batches are delivered again, as at-least-once allows).
 */
export function evolveSubscription(state: SubscriptionState | null, event: { type: string; data: unknown }): SubscriptionState | null {
  const e = event as SubscriptionLifecycleEvent;
  switch (e.type) {
    case 'SubscriptionDefined': {
      const { startPosition, ...definition } = e.data;
      return { definition, startPosition, committedPosition: startPosition };
    }
    case 'SubscriptionAcked':
      return state && { ...state, committedPosition: Math.max(state.committedPosition, e.data.position) };
    case 'SubscriptionReset':
      return state && { ...state, committedPosition: e.data.toPosition };
    default:
      return state;
  }
}

/** Folds a whole `subscription-<name>` stream, oldest first; null if it holds no definition. */
export const foldSubscription = (events: readonly { type: string; data: unknown }[]): SubscriptionState | null =>
  events.reduce<SubscriptionState | null>(evolveSubscription, null);
