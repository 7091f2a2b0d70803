import { IllegalTransitionError } from '../errors/illegal-transition.error';
import { IrreversibleStepsError } from '../errors/irreversible-steps.error';
import { decide } from './decide';
import { COMPLETED_RUN, HISTORY_BY_STATUS, RUN, UP_TO_EMAIL, accept, fail, given, play, runs, start, succeed, undo } from './message.fixtures';

const R2 = 'run-2';
const comp = (runId = R2) => ({ kind: 'compensation' as const, runId });

describe('decide UndoMessage', () => {
  it('refuses irreversible steps without force, naming them', () => {
    const attempt = () => decide(given(COMPLETED_RUN), undo());
    expect(attempt).toThrow(IrreversibleStepsError);
    expect(attempt).toThrow('cannot undo: step email has no compensation (irreversible); pass force to skip it and compensate the rest');
  });

  it('with force skips them, records it, and compensates the rest in reverse as a new run', () => {
    expect(decide(given(COMPLETED_RUN), undo(R2, true))).toEqual([
      { type: 'UndoRequested', data: { runId: R2, force: true, skipped: ['email'], status: 'REVOKING' } },
      { type: 'CompensationSkipped', data: { runId: R2, step: 'email', reason: 'irreversible' } },
      { type: 'CompensationStarted', data: { runId: R2, trigger: 'undo', steps: ['charge', 'reserve'], status: 'REVOKING' } },
      { type: 'StepDispatched', data: { runId: R2, step: 'charge', kind: 'compensation', delayMs: 0 } },
    ]);
    expect(given(COMPLETED_RUN, undo(R2, true))).toMatchObject({ runId: R2, runs: 1, status: 'REVOKING' });
  });

  it('ends REVOKED after the last compensation', () => {
    const { state, events } = play(COMPLETED_RUN, undo(R2, true), runs('charge', null, comp()), runs('reserve', null, comp()));
    expect(events.at(-1)).toEqual({ type: 'MessageSettled', data: { runId: R2, status: 'REVOKED', reason: 'undone' } });
    expect(state.steps.map((step) => step.status)).toEqual(['COMPENSATED', 'COMPENSATED', 'SKIPPED']);
  });

  it('ends REVOKE_FAILED when a compensation gives up, and a second undo retries what is owed', () => {
    const history = [...COMPLETED_RUN, undo(R2, true), start('charge', comp()), fail('charge', true, comp())];
    expect(given(...history).status).toBe('REVOKE_FAILED');
    expect(decide(given(...history), undo('run-3'))).toEqual([
      { type: 'UndoRequested', data: { runId: 'run-3', force: false, skipped: [], status: 'REVOKING' } },
      { type: 'CompensationStarted', data: { runId: 'run-3', trigger: 'undo', steps: ['charge', 'reserve'], status: 'REVOKING' } },
      { type: 'StepDispatched', data: { runId: 'run-3', step: 'charge', kind: 'compensation', delayMs: 0 } },
    ]);
  });

  it('undoes a paused FAILED message', () => {
    const paused = given(accept({ onFailure: 'pause' }), runs('reserve'), start('charge'), fail('charge', true));
    expect(paused.status).toBe('FAILED');
    expect(decide(paused, undo()).slice(1).map((event) => event.type)).toEqual(['CompensationStarted', 'StepDispatched']);
  });

  it('settles REVOKED at once when nothing is in place', () => {
    const paused = given(accept({ onFailure: 'pause' }), start('reserve'), fail('reserve', true));
    expect(decide(paused, undo())).toEqual([
      { type: 'UndoRequested', data: { runId: R2, force: false, skipped: [], status: 'REVOKING' } },
      { type: 'MessageSettled', data: { runId: R2, status: 'REVOKED', reason: 'undone; nothing to compensate' } },
    ]);
  });

  it('retries the compensations owed after COMPENSATION_FAILED', () => {
    const failed = [...UP_TO_EMAIL, start('email'), fail('email', true), start('charge', comp(RUN)), fail('charge', true, comp(RUN))];
    expect(given(...failed).status).toBe('COMPENSATION_FAILED');
    const { state } = play(failed, undo(), runs('charge', null, comp()), start('reserve', comp()), succeed('reserve', null, comp()));
    expect(state.status).toBe('REVOKED');
  });

  it.each([
    ['PENDING', [accept()], 'use retract'],
    ['PROCESSING', [accept(), start('reserve')], 'use cancel'],
    ['RETRACTED', [accept(), { type: 'RetractMessage' as const }], 'nothing to undo'],
    ['COMPENSATED', HISTORY_BY_STATUS.COMPENSATED, 'nothing is in place'],
  ])('refuses a %s message with a hint', (status, history, hint) => {
    const attempt = () => decide(given(...history), undo());
    expect(attempt).toThrow(IllegalTransitionError);
    expect(attempt).toThrow(`cannot undo a message that is ${status}; `);
    expect(attempt).toThrow(hint);
  });
});
