import { IllegalTransitionError } from '../errors/illegal-transition.error';
import { InvalidCommandError } from '../errors/invalid-command.error';
import { decide } from './decide';
import { foldMessage } from './fold-message';
import { INITIAL_MESSAGE_STATE } from './message-state';
import { ORDER_STEPS, RUN, accept, given } from './message.fixtures';

describe('decide AcceptMessage', () => {
  it('accepts a new message as PENDING and dispatches its first step after delayMs', () => {
    const events = decide(INITIAL_MESSAGE_STATE, accept({ delayMs: 5000 }));
    expect(events).toEqual([
      {
        type: 'MessageAccepted',
        data: {
          saga: 'order',
          sagaVersion: 2,
          messageType: 'command',
          payload: { orderId: 'o-1' },
          correlationId: 'c-1',
          delayMs: 5000,
          runId: RUN,
          steps: ORDER_STEPS,
          onFailure: 'compensate',
          status: 'PENDING',
        },
      },
      { type: 'StepDispatched', data: { runId: RUN, step: 'reserve', kind: 'action', delayMs: 5000 } },
    ]);
  });

  it('folds into a PENDING message waiting for its first step', () => {
    const state = foldMessage(decide(INITIAL_MESSAGE_STATE, accept()));
    expect(state).toMatchObject({
      status: 'PENDING',
      saga: 'order',
      runId: RUN,
      runs: 1,
      started: false,
      current: { step: 'reserve', kind: 'action', attempt: null },
    });
    expect(state.steps.map((step) => [step.name, step.status, step.compensable])).toEqual([
      ['reserve', 'DISPATCHED', true],
      ['charge', 'PENDING', true],
      ['email', 'PENDING', false],
    ]);
  });

  it('refuses a message that was already accepted, naming its status', () => {
    expect(() => decide(given(accept()), accept())).toThrow(
      new IllegalTransitionError('accept', 'PENDING', 'a message is accepted once — publish the new one under another id'),
    );
  });

  it('refuses a saga without steps', () => {
    expect(() => decide(INITIAL_MESSAGE_STATE, accept({ steps: [] }))).toThrow(InvalidCommandError);
  });

  it('refuses duplicate step names', () => {
    const steps = [ORDER_STEPS[0], ORDER_STEPS[0]];
    expect(() => decide(INITIAL_MESSAGE_STATE, accept({ steps }))).toThrow(/unique/);
  });
});
