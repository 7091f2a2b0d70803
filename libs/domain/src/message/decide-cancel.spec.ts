import { decide } from './decide';
import { CANCEL, RUN, UP_TO_EMAIL, accept, fail, given, play, replay, runs, start, succeed } from './message.fixtures';

describe('decide CancelMessage', () => {
  it('awaits the running step and starts no further one', () => {
    const state = given(accept(), runs('reserve'), start('charge'));
    expect(decide(state, CANCEL)).toEqual([
      { type: 'CancelRequested', data: { runId: RUN, awaiting: 'charge', status: 'COMPENSATING' } },
    ]);
    expect(given(accept(), runs('reserve'), start('charge'), CANCEL)).toMatchObject({
      status: 'COMPENSATING',
      cancelRequested: true,
      current: { step: 'charge' },
    });
  });

  it('compensates the awaited step too when it succeeds', () => {
    const state = given(accept(), runs('reserve'), start('charge'), CANCEL);
    expect(decide(state, succeed('charge')).slice(1)).toEqual([
      { type: 'CompensationStarted', data: { runId: RUN, trigger: 'cancel', steps: ['charge', 'reserve'], status: 'COMPENSATING' } },
      { type: 'StepDispatched', data: { runId: RUN, step: 'charge', kind: 'compensation', delayMs: 0 } },
    ]);
  });

  it('compensates the earlier steps when the awaited step fails for good', () => {
    const state = given(accept(), runs('reserve'), start('charge'), CANCEL);
    expect(decide(state, fail('charge', true)).slice(1)).toEqual([
      { type: 'CompensationStarted', data: { runId: RUN, trigger: 'cancel', steps: ['reserve'], status: 'COMPENSATING' } },
      { type: 'StepDispatched', data: { runId: RUN, step: 'reserve', kind: 'compensation', delayMs: 0 } },
    ]);
  });

  it('keeps awaiting while the awaited step is retried, because its retry may still run', () => {
    const state = given(accept(), runs('reserve'), start('charge'), CANCEL);
    expect(decide(state, fail('charge', false)).map((event) => event.type)).toEqual(['StepAttemptFailed']);
  });

  it('compensates even with onFailure pause', () => {
    const state = given(accept({ onFailure: 'pause' }), runs('reserve'), start('charge'), CANCEL);
    expect(decide(state, fail('charge', true))[1]).toMatchObject({ type: 'CompensationStarted', data: { trigger: 'cancel' } });
  });

  it('settles FAILED when the awaited first step fails: nothing to compensate', () => {
    const state = given(accept(), start('reserve'), CANCEL);
    expect(decide(state, fail('reserve', true))[1]).toEqual({
      type: 'MessageSettled',
      data: { runId: RUN, status: 'FAILED', reason: 'cancelled; step reserve failed: reserve broke; nothing to compensate' },
    });
  });

  it('settles COMPENSATED at the end of a cancel of the first run', () => {
    const compensation = { kind: 'compensation' as const };
    const { state, events } = play(
      [accept(), runs('reserve'), start('charge'), CANCEL, succeed('charge')],
      [runs('charge', null, compensation), runs('reserve', null, compensation)],
    );
    expect(state.status).toBe('COMPENSATED');
    expect(events.at(-1)).toEqual({
      type: 'MessageSettled',
      data: { runId: RUN, status: 'COMPENSATED', reason: 'compensated after cancel' },
    });
  });

  it('cancels a replay, which then ends REPLAY_FAILED', () => {
    const r2 = { runId: 'run-2' };
    const { state } = play(UP_TO_EMAIL, start('email'), fail('email', true),
      runs('charge', null, { kind: 'compensation' }), runs('reserve', null, { kind: 'compensation' }),
      replay(), start('reserve', r2), CANCEL, succeed('reserve', null, r2), runs('reserve', null, { ...r2, kind: 'compensation' }));
    expect(state.status).toBe('REPLAY_FAILED');
  });

  it('starts compensation in the same decision when no job is current', () => {
    // Not reachable through commands today (a running message always waits for a job), but the
    // rule must hold if a future command leaves a gap.
    const state = { ...given(accept(), runs('reserve'), start('charge')), current: null };
    expect(decide(state, CANCEL)).toEqual([
      { type: 'CancelRequested', data: { runId: RUN, awaiting: null, status: 'COMPENSATING' } },
      { type: 'CompensationStarted', data: { runId: RUN, trigger: 'cancel', steps: ['reserve'], status: 'COMPENSATING' } },
      { type: 'StepDispatched', data: { runId: RUN, step: 'reserve', kind: 'compensation', delayMs: 0 } },
    ]);
  });

  it('refuses a second cancel, naming the status', () => {
    const state = given(accept(), start('reserve'), CANCEL);
    expect(() => decide(state, CANCEL)).toThrow('cannot cancel a message that is COMPENSATING; it is already being compensated');
  });

  it('refuses a PENDING message, pointing to retract', () => {
    expect(() => decide(given(accept()), CANCEL)).toThrow('cannot cancel a message that is PENDING; no step has started yet — use retract');
  });
});
