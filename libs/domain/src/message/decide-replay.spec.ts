import { IllegalTransitionError } from '../errors/illegal-transition.error';
import { UnknownStepError } from '../errors/unknown-step.error';
import { decide } from './decide';
import { COMPLETED_RUN, RUN, UP_TO_EMAIL, accept, fail, given, play, replay, runs, start, succeed } from './message.fixtures';

const R2 = { runId: 'run-2' };
const comp = { kind: 'compensation' as const };
/** email failed for good and both earlier steps were compensated. */
const COMPENSATED_RUN = [
  ...UP_TO_EMAIL,
  start('email'),
  fail('email', true),
  ...runs('charge', null, comp),
  ...runs('reserve', null, comp),
];
/** charge failed for good with onFailure pause: reserve is still in place. */
const PAUSED_RUN = [accept({ onFailure: 'pause' }), ...runs('reserve', { reservationId: 'r-1' }), start('charge'), fail('charge', true)];

describe('decide ReplayMessage', () => {
  it('resumes a paused message from the failed step, reusing the earlier results', () => {
    expect(decide(given(...PAUSED_RUN), replay())).toEqual([
      {
        type: 'ReplayStarted',
        data: {
          runId: 'run-2', replayOf: RUN, mode: 'resume', fromStep: null, reused: ['reserve'],
          patch: null, payload: { orderId: 'o-1' }, force: false, status: 'REPLAYING',
        },
      },
      { type: 'StepDispatched', data: { runId: 'run-2', step: 'charge', kind: 'action', delayMs: 0 } },
    ]);
  });

  it('starts a new run: reused steps keep their results, the others start afresh', () => {
    const state = given(...PAUSED_RUN, replay());
    expect(state).toMatchObject({ status: 'REPLAYING', runId: 'run-2', runs: 2, replayOf: RUN, started: true });
    expect(state.steps.map(({ status, attempts, result, error, reused }) => ({ status, attempts, result, error, reused }))).toEqual([
      { status: 'SUCCEEDED', attempts: 1, result: { reservationId: 'r-1' }, error: null, reused: true },
      { status: 'DISPATCHED', attempts: 0, result: null, error: null, reused: false },
      { status: 'PENDING', attempts: 0, result: null, error: null, reused: false },
    ]);
  });

  it('completes a replay, running only what was not reused', () => {
    const { state, events } = play(PAUSED_RUN, replay(), runs('charge', null, R2), runs('email', null, R2));
    expect(state.status).toBe('COMPLETED');
    expect(events.at(-1)).toEqual({ type: 'MessageSettled', data: { runId: 'run-2', status: 'COMPLETED', reason: null } });
  });

  it('treats a compensated step as not in place: resume on COMPENSATED is restart', () => {
    const events = decide(given(...COMPENSATED_RUN), replay());
    expect(events[0].data).toMatchObject({ reused: [], mode: 'resume' });
    expect(events[1].data).toMatchObject({ step: 'reserve' });
  });

  it('restarts every step', () => {
    const events = decide(given(...PAUSED_RUN), replay({ mode: 'restart' }));
    expect(events[0].data).toMatchObject({ reused: [], mode: 'restart' });
    expect(events[1].data).toMatchObject({ step: 'reserve' });
  });

  it('runs from a named step, reusing what was recorded before it', () => {
    const events = decide(given(...COMPENSATED_RUN), replay({ fromStep: 'email' }));
    expect(events[0].data).toMatchObject({ fromStep: 'email', reused: ['reserve', 'charge'] });
    expect(events[1].data).toMatchObject({ step: 'email' });
  });

  it('refuses an unknown step, listing the saga steps', () => {
    const attempt = () => decide(given(...COMPENSATED_RUN), replay({ fromStep: 'refund' }));
    expect(attempt).toThrow(UnknownStepError);
    expect(attempt).toThrow('unknown step "refund"; the saga\'s steps are reserve, charge, email');
  });

  it('applies a JSON Merge Patch to the payload for the new run', () => {
    const patch = { orderId: null, order: { id: 'o-2' } };
    const events = decide(given(...PAUSED_RUN), replay({ patch }));
    expect(events[0].data).toMatchObject({ patch, payload: { order: { id: 'o-2' } } });
    expect(given(...PAUSED_RUN, replay({ patch })).payload).toEqual({ order: { id: 'o-2' } });
  });

  it('replays COMPLETED only with force; resume then reruns every step', () => {
    expect(() => decide(given(...COMPLETED_RUN), replay())).toThrow(
      'cannot replay a message that is COMPLETED; it already completed — pass force to run it again',
    );
    const events = decide(given(...COMPLETED_RUN), replay({ force: true }));
    expect(events[0].data).toMatchObject({ reused: [], force: true });
    expect(events[1].data).toMatchObject({ step: 'reserve' });
  });

  it('replays REPLAY_FAILED again, each replay a new run', () => {
    const failedReplay = [...COMPENSATED_RUN, replay(), start('reserve', R2), fail('reserve', true, R2)];
    expect(given(...failedReplay).status).toBe('REPLAY_FAILED');
    const events = decide(given(...failedReplay), replay({ runId: 'run-3' }));
    expect(events[0].data).toMatchObject({ runId: 'run-3', replayOf: 'run-2' });
    expect(given(...failedReplay, replay({ runId: 'run-3' })).runs).toBe(3);
  });

  it('settles a replay that is paused again in FAILED, so it can be undone or resumed', () => {
    const { state } = play(PAUSED_RUN, replay(), start('charge', R2), fail('charge', true, R2));
    expect(state.status).toBe('FAILED');
  });

  it('ignores a late reply from the previous run', () => {
    const state = given(...PAUSED_RUN, replay());
    expect(decide(state, succeed('charge'))[0]).toMatchObject({
      type: 'ReplyIgnored',
      data: { why: 'stale run run-1; the current run is run-2' },
    });
  });

  it.each([
    ['PENDING', [accept()], 'use retract'],
    ['PROCESSING', [accept(), start('reserve')], 'use cancel first'],
    ['REPLAYING', [...PAUSED_RUN, replay()], 'use cancel first'],
    ['RETRACTED', [accept(), { type: 'RetractMessage' as const }], 'publish it again'],
  ])('refuses a %s message with a hint', (status, history, hint) => {
    const attempt = () => decide(given(...history), replay({ runId: 'run-9' }));
    expect(attempt).toThrow(IllegalTransitionError);
    expect(attempt).toThrow(`cannot replay a message that is ${status}; `);
    expect(attempt).toThrow(hint);
  });
});
