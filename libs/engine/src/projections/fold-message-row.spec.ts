import { decide, foldMessage, INITIAL_MESSAGE_STATE, type MessageCommand, type MessageEvent, type MessageState, type SagaDefinition } from '@retrace/domain';
import { stepDeadlineMs } from '../scheduling/step-deadline';
import { foldMessageRow, type MessageRowFold } from './fold-message-row';
import type { ProjectedEvent } from './projection';

const step = (name: string, compensable = true) => ({
  name,
  action: { queue: `${name}.do` },
  compensation: compensable ? { queue: `${name}.undo` } : null,
  retry: { attempts: 2, backoff: { type: 'fixed' as const, delayMs: 100 } },
  timeoutMs: 1_000,
});
const SAGA: SagaDefinition = { name: 'order', version: 1, onFailure: 'compensate', steps: [step('reserve'), step('charge')] };
const FIRST_CHECK_MS = 15_000;
const RUN = 'run-1';

/** Decides commands one transaction (append) each, as MessageWriter does, numbering positions from `from`. */
function appends(commands: MessageCommand[], from = 1): { events: ProjectedEvent[]; state: MessageState } {
  let state = INITIAL_MESSAGE_STATE;
  const events: ProjectedEvent[] = [];
  commands.forEach((command, tx) => {
    const decided = decide(state, command);
    state = foldMessage([...events.map((e) => ({ type: e.type, data: e.data }) as MessageEvent), ...decided]);
    for (const e of decided) {
      events.push({ ...e, position: from + events.length, streamId: 'message-m1', streamVersion: events.length + 1, metadata: {}, createdAt: new Date(0), createdUs: String(from + events.length), xid: `tx-${tx}` });
    }
  });
  return { events, state };
}

const accept: MessageCommand = {
  type: 'AcceptMessage',
  saga: 'order',
  sagaVersion: 1,
  messageType: 'command',
  payload: {},
  correlationId: null,
  delayMs: 0,
  runId: RUN,
  steps: SAGA.steps.map((s) => ({ name: s.name, compensable: s.compensation !== null })),
  onFailure: 'compensate',
};
const started = (name: string): MessageCommand => ({ type: 'RecordStepStarted', runId: RUN, step: name, kind: 'action', attempt: 1 });
const succeeded = (name: string): MessageCommand => ({ type: 'RecordStepOutcome', runId: RUN, step: name, kind: 'action', attempt: 1, outcome: { ok: true, result: { name } } });
const sut = (previous: MessageRowFold | null, events: ProjectedEvent[]) => foldMessageRow(previous, 'm1', events, () => SAGA, FIRST_CHECK_MS);
const deadline = stepDeadlineMs(SAGA.steps[0]);

describe(foldMessageRow.name, () => {
  it('folds a stream into the state, versions and positions the live path writes', () => {
    const { events, state } = appends([accept, started('reserve'), succeeded('reserve')]);
    const row = sut(null, events);
    expect(row.state).toEqual(state);
    expect(row).toMatchObject({ id: 'm1', streamVersion: events.length, acceptedPosition: 1, lastPosition: events.length });
  });

  it('schedules from the append that dispatched the step: check at min(firstCheck, deadline), deadline at the step budget', () => {
    const { events } = appends([accept]);
    const dispatched = events.find((e) => e.type === 'StepDispatched')!;
    expect(sut(null, events).schedule).toEqual({
      check: { position: dispatched.position, us: dispatched.createdUs, ms: Math.min(FIRST_CHECK_MS, deadline) },
      deadline: { position: dispatched.position, us: dispatched.createdUs, ms: deadline },
    });
  });

  it('keeps the schedule on an append that dispatches nothing, and moves it with the next dispatch', () => {
    const { events } = appends([accept, started('reserve'), succeeded('reserve')]);
    const afterStart = sut(null, events.filter((e) => e.xid !== 'tx-2'));
    expect(afterStart.schedule?.deadline.position).toBe(events.find((e) => e.type === 'StepDispatched')!.position);
    const next = [...events].reverse().find((e) => e.type === 'StepDispatched')!;
    expect(next.xid).toBe('tx-2');
    expect(sut(null, events).schedule?.deadline.position).toBe(next.position);
  });

  it('clears the schedule when nothing is in flight any more', () => {
    const { events, state } = appends([accept, started('reserve'), succeeded('reserve'), started('charge'), succeeded('charge')]);
    expect(state.status).toBe('COMPLETED');
    expect(sut(null, events).schedule).toBeNull();
  });

  it('gives the same row whether the stream is folded at once or in pages cut inside an append (state read back as JSON)', () => {
    const { events } = appends([accept, started('reserve'), succeeded('reserve'), started('charge')]);
    const whole = sut(null, events);
    for (let cut = 1; cut < events.length; cut++) {
      const first = JSON.parse(JSON.stringify(sut(null, events.slice(0, cut)))) as MessageRowFold;
      expect(sut(first, events.slice(cut))).toEqual(whole);
    }
  });

  it('fails naming the saga when the definition is unknown', () => {
    const { events } = appends([accept]);
    expect(() =>
      foldMessageRow(null, 'm1', events, () => {
        throw new Error('saga order@1 is not registered');
      }, FIRST_CHECK_MS),
    ).toThrow('order@1');
  });
});
