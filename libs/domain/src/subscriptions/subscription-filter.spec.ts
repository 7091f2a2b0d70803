import { matchesSubscriptionFilter } from './matches-subscription-filter';
import { foldSubscription } from './subscription-events';

describe(matchesSubscriptionFilter.name, () => {
  const event = (streamId: string, type = 'StepSucceeded') => ({ streamId, type });

  it('takes everything but subscription streams with an empty filter', () => {
    expect(matchesSubscriptionFilter({}, event('message-1'))).toBe(true);
    expect(matchesSubscriptionFilter({}, event('operation-1', 'OperationCreated'))).toBe(true);
    expect(matchesSubscriptionFilter({}, event('subscription-a', 'SubscriptionAcked'))).toBe(false);
    expect(matchesSubscriptionFilter({ types: ['SubscriptionAcked'] }, event('subscription-a', 'SubscriptionAcked'))).toBe(false);
  });

  it('delivers subscription streams only when the stream prefix asks for them', () => {
    expect(matchesSubscriptionFilter({ streamPrefix: 'subscription-' }, event('subscription-a'))).toBe(true);
    expect(matchesSubscriptionFilter({ streamPrefix: 'subscription-a' }, event('subscription-b'))).toBe(false);
    expect(matchesSubscriptionFilter({ streamPrefix: 's' }, event('subscription-a'))).toBe(false);
  });

  it('filters by type and prefix', () => {
    expect(matchesSubscriptionFilter({ types: ['StepFailed'] }, event('message-1'))).toBe(false);
    expect(matchesSubscriptionFilter({ types: ['StepFailed', 'StepSucceeded'], streamPrefix: 'message-' }, event('message-1'))).toBe(true);
    expect(matchesSubscriptionFilter({ streamPrefix: 'saga-' }, event('message-1'))).toBe(false);
  });

  it("takes a saga's messages and its registrations", () => {
    expect(matchesSubscriptionFilter({ saga: 'order' }, event('message-1'), 'order')).toBe(true);
    expect(matchesSubscriptionFilter({ saga: 'order' }, event('message-1'), 'billing')).toBe(false);
    expect(matchesSubscriptionFilter({ saga: 'order' }, event('saga-order', 'SagaRegistered'))).toBe(true);
    expect(matchesSubscriptionFilter({ saga: 'order' }, event('saga-orders', 'SagaRegistered'))).toBe(false);
    expect(matchesSubscriptionFilter({ saga: 'order' }, event('operation-1'), 'order')).toBe(false);
  });
});

describe(foldSubscription.name, () => {
  const definition = { filter: {}, startAt: 'beginning' as const, ackTimeoutMs: 1000 };

  it('given defined, acked and reset, the checkpoint is where the last of them put it', () => {
    const defined = { type: 'SubscriptionDefined', data: { ...definition, startPosition: 4 } };
    expect(foldSubscription([defined])).toEqual({ definition, startPosition: 4, committedPosition: 4 });
    const acked = { type: 'SubscriptionAcked', data: { position: 9 } };
    const reset = { type: 'SubscriptionReset', data: { fromPosition: 9, toPosition: 2, reason: 'r', actor: 'ops', request: { toPosition: 3 } } };
    expect(foldSubscription([defined, acked, reset])?.committedPosition).toBe(2);
    expect(foldSubscription([defined, acked, reset, { type: 'SubscriptionAcked', data: { position: 5 } }])?.committedPosition).toBe(5);
  });

  it('is null without a definition', () => {
    expect(foldSubscription([{ type: 'SubscriptionAcked', data: { position: 1 } }])).toBeNull();
  });
});
