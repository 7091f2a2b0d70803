import { IllegalTransitionError } from '../errors/illegal-transition.error';
import { decide } from './decide';
import { RETRACT, accept, given, start } from './message.fixtures';

describe('decide RetractMessage', () => {
  it('retracts a PENDING message that no step has started, delayed or not', () => {
    expect(decide(given(accept({ delayMs: 60_000 })), RETRACT)).toEqual([
      { type: 'MessageRetracted', data: { status: 'RETRACTED' } },
    ]);
    const state = given(accept(), RETRACT);
    expect(state).toMatchObject({ status: 'RETRACTED', current: null });
  });

  it('refuses once a step started, pointing to cancel and undo', () => {
    const attempt = () => decide(given(accept(), start('reserve')), RETRACT);
    expect(attempt).toThrow(IllegalTransitionError);
    expect(attempt).toThrow(
      'cannot retract a message that is PROCESSING; retract only works before the first step starts — use cancel, or undo after it completes',
    );
  });

  it('refuses a retracted message', () => {
    expect(() => decide(given(accept(), RETRACT), RETRACT)).toThrow(
      'cannot retract a message that is RETRACTED; it is already retracted',
    );
  });
});
