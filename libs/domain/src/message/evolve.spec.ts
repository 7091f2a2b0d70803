import { decide } from './decide';
import { evolve } from './evolve';
import { foldMessage } from './fold-message';
import type { MessageEvent } from './message-events';
import { INITIAL_MESSAGE_STATE } from './message-state';
import { COMPLETED_RUN, HISTORY_BY_STATUS, UP_TO_EMAIL, fail, given, play, start } from './message.fixtures';

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    Object.freeze(value);
    Object.values(value).forEach(deepFreeze);
  }
  return value;
}

describe(evolve.name, () => {
  it('never changes the state it is given', () => {
    for (const history of Object.values(HISTORY_BY_STATUS)) {
      const { events } = play(history);
      expect(() => events.reduce((state, event) => deepFreeze(evolve(deepFreeze(state), event)), INITIAL_MESSAGE_STATE)).not.toThrow();
    }
  });

  it('keeps the state as is for an ignored reply', () => {
    const state = given(COMPLETED_RUN);
    const [ignored] = decide(state, start('email'));
    expect(ignored.type).toBe('ReplyIgnored');
    expect(evolve(state, ignored)).toBe(state);
  });

  it('takes a dispatched compensation off the queue and counts its attempts afresh', () => {
    const state = given(UP_TO_EMAIL, start('email'), fail('email', true));
    expect(state.compensationQueue).toEqual(['reserve']);
    expect(state.current).toEqual({ step: 'charge', kind: 'compensation', attempt: null });
    expect(state.steps[1]).toMatchObject({ status: 'COMPENSATING', attempts: 0, result: { paymentId: 'p-1' } });
  });

  it('settles with nothing current and nothing queued', () => {
    const settled: MessageEvent = { type: 'MessageSettled', data: { runId: 'run-1', status: 'COMPENSATION_FAILED', reason: 'x' } };
    const state = evolve(given(UP_TO_EMAIL, start('email'), fail('email', true)), settled);
    expect(state).toMatchObject({ status: 'COMPENSATION_FAILED', current: null, compensationQueue: [] });
  });
});

describe(foldMessage.name, () => {
  it('starts from the initial state', () => {
    expect(foldMessage([])).toBe(INITIAL_MESSAGE_STATE);
  });

  it('rebuilds the state reached decision by decision', () => {
    for (const history of Object.values(HISTORY_BY_STATUS)) {
      const { state, events } = play(history);
      expect(foldMessage(events)).toEqual(state);
    }
  });
});
