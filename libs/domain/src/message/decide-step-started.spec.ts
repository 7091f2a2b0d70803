import { IllegalTransitionError } from '../errors/illegal-transition.error';
import { decide } from './decide';
import { foldMessage } from './fold-message';
import type { MessageEvent } from './message-events';
import { INITIAL_MESSAGE_STATE } from './message-state';
import { CANCEL, RETRACT, RUN, UP_TO_EMAIL, accept, fail, given, replay, start, succeed } from './message.fixtures';

describe('decide RecordStepStarted', () => {
  const history: MessageEvent[] = [
    ...decide(INITIAL_MESSAGE_STATE, accept()),
  ];

  it('moves a PENDING message to PROCESSING on the first start', () => {
    expect(decide(foldMessage(history), start('reserve'))).toEqual([
      { type: 'StepStarted', data: { runId: RUN, step: 'reserve', kind: 'action', attempt: 1, status: 'PROCESSING' } },
    ]);
  });

  it('marks the message started and the step RUNNING', () => {
    const state = given(accept(), start('reserve'));
    expect(state).toMatchObject({ status: 'PROCESSING', started: true, current: { step: 'reserve', attempt: 1 } });
    expect(state.steps[0]).toMatchObject({ status: 'RUNNING', attempts: 1 });
  });

  it('keeps PROCESSING for later steps and retries', () => {
    const state = given(accept(), start('reserve'), fail('reserve', false));
    expect(decide(state, start('reserve', { attempt: 2 }))).toEqual([
      { type: 'StepStarted', data: { runId: RUN, step: 'reserve', kind: 'action', attempt: 2, status: 'PROCESSING' } },
    ]);
  });

  it('keeps REPLAYING during a replay', () => {
    const state = given(accept(), start('reserve'), fail('reserve', true), replay());
    expect(decide(state, start('reserve', { runId: 'run-2' }))[0]).toMatchObject({
      type: 'StepStarted',
      data: { status: 'REPLAYING' },
    });
  });

  it('keeps COMPENSATING when a compensation starts', () => {
    const state = given(UP_TO_EMAIL, start('email'), fail('email', true));
    expect(decide(state, start('charge', { kind: 'compensation' }))).toEqual([
      { type: 'StepStarted', data: { runId: RUN, step: 'charge', kind: 'compensation', attempt: 1, status: 'COMPENSATING' } },
    ]);
  });

  it('keeps COMPENSATING when the step awaited by a cancel starts', () => {
    const state = given(accept(), start('reserve'), succeed('reserve'), CANCEL);
    expect(decide(state, start('charge'))[0]).toMatchObject({ type: 'StepStarted', data: { status: 'COMPENSATING' } });
  });

  describe('ignores, and records, a start that does not apply', () => {
    const cases: Array<[string, ReturnType<typeof given>, ReturnType<typeof start>, string]> = [
      ['of another run', given(accept()), start('reserve', { runId: 'run-0' }), 'stale run run-0; the current run is run-1'],
      ['of another step', given(accept()), start('charge'), 'not the current job (reserve action)'],
      ['of the other kind', given(accept()), start('reserve', { kind: 'compensation' }), 'not the current job (reserve action)'],
      ['already started', given(accept(), start('reserve')), start('reserve'), 'attempt 1 was already started'],
      ['of an earlier attempt', given(accept(), start('reserve', { attempt: 2 })), start('reserve'), 'attempt 1 was already started'],
      ['after the outcome', given(accept(), succeed('reserve')), start('reserve'), 'not the current job (charge action)'],
      ['on a settled message', given(accept(), start('reserve'), fail('reserve', true)), start('reserve'), 'the message is FAILED'],
      ['on a retracted message', given(accept(), RETRACT), start('reserve'), 'the message is RETRACTED'],
    ];

    it.each(cases)('%s', (_, state, command, why) => {
      const { runId, step, kind, attempt } = command;
      expect(decide(state, command)).toEqual([
        { type: 'ReplyIgnored', data: { runId, step, kind, attempt, outcome: 'started', why } },
      ]);
    });
  });

  it('refuses a message that was never accepted', () => {
    expect(() => decide(INITIAL_MESSAGE_STATE, start('reserve'))).toThrow(IllegalTransitionError);
  });
});
