import { IllegalTransitionError } from '../errors/illegal-transition.error';
import { decide } from './decide';
import { INITIAL_MESSAGE_STATE } from './message-state';
import { COMPLETED_RUN, RUN, UP_TO_EMAIL, accept, fail, given, play, runs, start, succeed, typeAndStatus } from './message.fixtures';

const ERROR = (step: string) => ({ message: `${step} broke` });

describe('decide RecordStepOutcome for an action', () => {
  it('records the result and dispatches the next step', () => {
    const state = given(accept(), start('reserve'));
    expect(decide(state, succeed('reserve', { reservationId: 'r-1' }))).toEqual([
      {
        type: 'StepSucceeded',
        data: { runId: RUN, step: 'reserve', kind: 'action', attempt: 1, result: { reservationId: 'r-1' }, status: 'PROCESSING' },
      },
      { type: 'StepDispatched', data: { runId: RUN, step: 'charge', kind: 'action', delayMs: 0 } },
    ]);
  });

  it('completes the message after the last step', () => {
    const state = given(UP_TO_EMAIL, start('email'));
    expect(decide(state, succeed('email', 'sent'))).toEqual([
      { type: 'StepSucceeded', data: { runId: RUN, step: 'email', kind: 'action', attempt: 1, result: 'sent', status: 'PROCESSING' } },
      { type: 'MessageSettled', data: { runId: RUN, status: 'COMPLETED', reason: null } },
    ]);
    const done = given(COMPLETED_RUN);
    expect(done.status).toBe('COMPLETED');
    expect(done.steps.map((step) => [step.status, step.result])).toEqual([
      ['SUCCEEDED', { reservationId: 'r-1' }],
      ['SUCCEEDED', { paymentId: 'p-1' }],
      ['SUCCEEDED', null],
    ]);
  });

  it('records a failed attempt that will be retried without changing the status', () => {
    const state = given(accept(), start('reserve'));
    expect(decide(state, fail('reserve', false))).toEqual([
      { type: 'StepAttemptFailed', data: { runId: RUN, step: 'reserve', kind: 'action', attempt: 1, error: ERROR('reserve') } },
    ]);
    const after = given(accept(), start('reserve'), fail('reserve', false));
    expect(after).toMatchObject({ status: 'PROCESSING', current: { step: 'reserve', kind: 'action', attempt: null } });
    expect(after.steps[0]).toMatchObject({ status: 'DISPATCHED', attempts: 1, error: ERROR('reserve') });
  });

  it('implies the start of an attempt whose start reply never arrived', () => {
    const state = given(accept());
    expect(decide(state, succeed('reserve', 'r', { attempt: 2 })).map(typeAndStatus)).toEqual([
      ['StepStarted', 'PROCESSING'],
      ['StepSucceeded', 'PROCESSING'],
      ['StepDispatched', undefined],
    ]);
  });

  it('settles FAILED when the first step fails for good: nothing to compensate', () => {
    const state = given(accept(), start('reserve'));
    expect(decide(state, fail('reserve', true))).toEqual([
      {
        type: 'StepFailed',
        data: { runId: RUN, step: 'reserve', kind: 'action', attempt: 1, error: ERROR('reserve'), status: 'PROCESSING' },
      },
      {
        type: 'MessageSettled',
        data: { runId: RUN, status: 'FAILED', reason: 'step reserve failed: reserve broke; nothing to compensate' },
      },
    ]);
  });

  it('compensates the steps in place in reverse when a step fails for good', () => {
    const state = given(UP_TO_EMAIL, start('email'));
    expect(decide(state, fail('email', true))).toEqual([
      { type: 'StepFailed', data: { runId: RUN, step: 'email', kind: 'action', attempt: 1, error: ERROR('email'), status: 'PROCESSING' } },
      { type: 'CompensationStarted', data: { runId: RUN, trigger: 'failure', steps: ['charge', 'reserve'], status: 'COMPENSATING' } },
      { type: 'StepDispatched', data: { runId: RUN, step: 'charge', kind: 'compensation', delayMs: 0 } },
    ]);
  });

  it('skips irreversible steps in a compensation, recording why', () => {
    const steps = [
      { name: 'reserve', compensable: true },
      { name: 'notify', compensable: false },
      { name: 'charge', compensable: true },
    ];
    const state = given(accept({ steps }), runs('reserve'), runs('notify'), start('charge'));
    expect(decide(state, fail('charge', true)).slice(1)).toEqual([
      { type: 'CompensationSkipped', data: { runId: RUN, step: 'notify', reason: 'irreversible' } },
      { type: 'CompensationStarted', data: { runId: RUN, trigger: 'failure', steps: ['reserve'], status: 'COMPENSATING' } },
      { type: 'StepDispatched', data: { runId: RUN, step: 'reserve', kind: 'compensation', delayMs: 0 } },
    ]);
  });

  it('pauses in FAILED with onFailure pause, compensating nothing', () => {
    const state = given(accept({ onFailure: 'pause' }), runs('reserve'), start('charge'));
    const events = decide(state, fail('charge', true));
    expect(events.map((event) => event.type)).toEqual(['StepFailed', 'MessageSettled']);
    expect(events[1].data).toMatchObject({ status: 'FAILED', reason: expect.stringContaining('paused') });
  });

  describe('ignores, and records, an outcome that does not apply', () => {
    it.each([
      ['a duplicate success', [accept(), runs('reserve')], succeed('reserve'), 'not the current job (charge action)'],
      [
        'a duplicate failed attempt',
        [accept(), start('reserve'), fail('reserve', false)],
        fail('reserve', false),
        'attempt 1 was already reported',
      ],
      ['an earlier attempt', [accept(), start('reserve', { attempt: 2 })], succeed('reserve'), 'attempt 1 was reported after attempt 2 had started'],
      ['another run', [accept()], succeed('reserve', null, { runId: 'run-0' }), 'stale run run-0; the current run is run-1'],
      ['a settled message', COMPLETED_RUN, succeed('email'), 'the message is COMPLETED'],
    ])('%s', (_, history, command, why) => {
      expect(decide(given(...history), command)).toEqual([
        {
          type: 'ReplyIgnored',
          data: {
            runId: command.runId,
            step: command.step,
            kind: command.kind,
            attempt: command.attempt,
            outcome: command.outcome.ok ? 'succeeded' : command.outcome.final ? 'failed' : 'attempt failed',
            why,
            ...(command.outcome.ok ? {} : { error: command.outcome.error }),
          },
        },
      ]);
    });
  });

  it('refuses a message that was never accepted', () => {
    expect(() => decide(INITIAL_MESSAGE_STATE, succeed('reserve'))).toThrow(IllegalTransitionError);
  });
});

describe('decide RecordStepOutcome for a compensation', () => {
  const compensating = [...UP_TO_EMAIL, start('email'), fail('email', true)];
  const compensation = { kind: 'compensation' as const };

  it('runs the compensations one at a time, then settles COMPENSATED', () => {
    const state = given(compensating, start('charge', compensation));
    expect(decide(state, succeed('charge', { refundId: 'f-1' }, compensation))).toEqual([
      {
        type: 'StepSucceeded',
        data: { runId: RUN, step: 'charge', kind: 'compensation', attempt: 1, result: { refundId: 'f-1' }, status: 'COMPENSATING' },
      },
      { type: 'StepDispatched', data: { runId: RUN, step: 'reserve', kind: 'compensation', delayMs: 0 } },
    ]);
    const last = given(compensating, runs('charge', null, compensation), start('reserve', compensation));
    expect(decide(last, succeed('reserve', null, compensation)).slice(1)).toEqual([
      { type: 'MessageSettled', data: { runId: RUN, status: 'COMPENSATED', reason: 'compensated after a step failed' } },
    ]);
  });

  it('keeps the action result for the compensation and marks the step COMPENSATED', () => {
    const { state } = play(compensating, runs('charge', null, compensation));
    expect(state.steps.map((step) => [step.name, step.status, step.result])).toEqual([
      ['reserve', 'COMPENSATING', { reservationId: 'r-1' }],
      ['charge', 'COMPENSATED', { paymentId: 'p-1' }],
      ['email', 'FAILED', null],
    ]);
  });

  it('settles COMPENSATION_FAILED when a compensation gives up, leaving the later ones owed', () => {
    const state = given(compensating, start('charge', compensation));
    const events = decide(state, fail('charge', true, compensation));
    expect(events.map(typeAndStatus)).toEqual([
      ['StepFailed', 'COMPENSATING'],
      ['MessageSettled', 'COMPENSATION_FAILED'],
    ]);
    const after = given(compensating, start('charge', compensation), fail('charge', true, compensation));
    expect(after.steps.map((step) => step.status)).toEqual(['SUCCEEDED', 'COMPENSATION_FAILED', 'FAILED']);
  });

  it('retries a compensation attempt without moving on', () => {
    const state = given(compensating, start('charge', compensation));
    expect(decide(state, fail('charge', false, compensation)).map((event) => event.type)).toEqual(['StepAttemptFailed']);
  });

  it('settles REPLAY_FAILED when a replay run is compensated', () => {
    const state = given(
      accept(),
      start('reserve'),
      fail('reserve', true),
      { type: 'ReplayMessage', runId: 'run-2', mode: 'resume', fromStep: null, force: false, patch: null },
      runs('reserve', null, { runId: 'run-2' }),
      start('charge', { runId: 'run-2' }),
      fail('charge', true, { runId: 'run-2' }),
      start('reserve', { kind: 'compensation', runId: 'run-2' }),
    );
    expect(decide(state, succeed('reserve', null, { kind: 'compensation', runId: 'run-2' })).at(-1)).toEqual({
      type: 'MessageSettled',
      data: { runId: 'run-2', status: 'REPLAY_FAILED', reason: 'replay compensated after a step failed' },
    });
  });
});

describe('a failure that arrives after the next attempt started', () => {
  it('is kept in the history with its error and the true reason, and changes nothing', async () => {
    const { foldMessage } = await import('./fold-message');
    const { decide } = await import('./decide');
    const steps = [{ name: 'a', compensable: true }];
    const state = foldMessage([
      {
        type: 'MessageAccepted',
        data: { saga: 's', sagaVersion: 1, messageType: 'command', payload: {}, correlationId: null, delayMs: 0, runId: 'r', steps, onFailure: 'compensate', status: 'PENDING' },
      },
      { type: 'StepDispatched', data: { runId: 'r', step: 'a', kind: 'action', delayMs: 0 } },
      { type: 'StepStarted', data: { runId: 'r', step: 'a', kind: 'action', attempt: 1, status: 'PROCESSING' } },
      { type: 'StepStarted', data: { runId: 'r', step: 'a', kind: 'action', attempt: 2, status: 'PROCESSING' } },
    ]);
    const error = { message: 'flaked' };
    const events = decide(state, { type: 'RecordStepOutcome', runId: 'r', step: 'a', kind: 'action', attempt: 1, outcome: { ok: false, error, final: false } });
    expect(events).toEqual([
      {
        type: 'ReplyIgnored',
        data: { runId: 'r', step: 'a', kind: 'action', attempt: 1, outcome: 'attempt failed', why: 'attempt 1 was reported after attempt 2 had started', error },
      },
    ]);
  });
});
