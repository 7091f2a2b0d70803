// Builders shared by the status machine's specs. Not exported from the library.
import type { StepPlan } from '../saga/saga-definition';
import { decide } from './decide';
import { evolve } from './evolve';
import type { AcceptMessage, MessageCommand, RecordStepOutcome, RecordStepStarted } from './message-commands';
import type { MessageEvent, StepKind } from './message-events';
import { INITIAL_MESSAGE_STATE, type MessageState } from './message-state';
import type { MessageStatus } from './message-status';

/** reserve → charge → email; email cannot be undone. */
export const ORDER_STEPS: StepPlan[] = [
  { name: 'reserve', compensable: true },
  { name: 'charge', compensable: true },
  { name: 'email', compensable: false },
];

export const RUN = 'run-1';

export function accept(overrides: Partial<AcceptMessage> = {}): AcceptMessage {
  return {
    type: 'AcceptMessage',
    saga: 'order',
    sagaVersion: 2,
    messageType: 'command',
    payload: { orderId: 'o-1' },
    correlationId: 'c-1',
    delayMs: 0,
    runId: RUN,
    steps: ORDER_STEPS,
    onFailure: 'compensate',
    ...overrides,
  };
}

interface ReplyOptions {
  kind?: StepKind;
  attempt?: number;
  runId?: string;
}

export function start(step: string, { kind = 'action', attempt = 1, runId = RUN }: ReplyOptions = {}): RecordStepStarted {
  return { type: 'RecordStepStarted', runId, step, kind, attempt };
}

export function succeed(step: string, result: unknown = null, opts: ReplyOptions = {}): RecordStepOutcome {
  const { kind = 'action', attempt = 1, runId = RUN } = opts;
  return { type: 'RecordStepOutcome', runId, step, kind, attempt, outcome: { ok: true, result } };
}

export function fail(step: string, final: boolean, opts: ReplyOptions = {}): RecordStepOutcome {
  const { kind = 'action', attempt = 1, runId = RUN } = opts;
  return { type: 'RecordStepOutcome', runId, step, kind, attempt, outcome: { ok: false, error: { message: `${step} broke` }, final } };
}

/** Start then succeed, as a worker replies for one successful attempt. */
export function runs(step: string, result: unknown = null, opts: ReplyOptions = {}): MessageCommand[] {
  return [start(step, opts), succeed(step, result, opts)];
}

export function undo(runId = 'run-2', force = false): MessageCommand {
  return { type: 'UndoMessage', runId, force };
}

export function replay(overrides: Partial<Extract<MessageCommand, { type: 'ReplayMessage' }>> = {}): MessageCommand {
  return { type: 'ReplayMessage', runId: 'run-2', mode: 'resume', fromStep: null, force: false, patch: null, ...overrides };
}

export const RETRACT: MessageCommand = { type: 'RetractMessage' };
export const CANCEL: MessageCommand = { type: 'CancelMessage' };

/** Commands, grouped in (nested) lists as reads best in a spec. */
export type Commands = MessageCommand | readonly Commands[];

function flatten(commands: readonly Commands[]): MessageCommand[] {
  return commands.flatMap((item) => ('type' in item ? [item] : flatten(item)));
}

/** Decides and applies each command in turn, as the engine does. */
export function play(...commands: Commands[]): { state: MessageState; events: MessageEvent[] } {
  let state = INITIAL_MESSAGE_STATE;
  const events: MessageEvent[] = [];
  for (const command of flatten(commands)) {
    const emitted = decide(state, command);
    events.push(...emitted);
    state = emitted.reduce(evolve, state);
  }
  return { state, events };
}

/** The state reached by `commands`. */
export function given(...commands: Commands[]): MessageState {
  return play(...commands).state;
}

/** reserve and charge succeeded, email is dispatched. */
export const UP_TO_EMAIL: MessageCommand[] = [
  accept(),
  ...runs('reserve', { reservationId: 'r-1' }),
  ...runs('charge', { paymentId: 'p-1' }),
];

/** Every step succeeded. */
export const COMPLETED_RUN: MessageCommand[] = [...UP_TO_EMAIL, ...runs('email')];

const COMPENSATION = { kind: 'compensation' as const };
const UNDO_RUN = { kind: 'compensation' as const, runId: 'run-2' };
const COMPENSATING_RUN: MessageCommand[] = [...UP_TO_EMAIL, start('email'), fail('email', true)];
const REVOKING_RUN: MessageCommand[] = [...COMPLETED_RUN, undo('run-2', true)];
const FAILED_RUN: MessageCommand[] = [accept(), start('reserve'), fail('reserve', true)];

/** A history that leaves the message in each status (null: never accepted). */
export const HISTORY_BY_STATUS: Record<MessageStatus | 'null', MessageCommand[]> = {
  null: [],
  PENDING: [accept()],
  PROCESSING: [accept(), start('reserve')],
  COMPLETED: COMPLETED_RUN,
  COMPENSATING: COMPENSATING_RUN,
  COMPENSATED: [...COMPENSATING_RUN, ...runs('charge', null, COMPENSATION), ...runs('reserve', null, COMPENSATION)],
  COMPENSATION_FAILED: [...COMPENSATING_RUN, start('charge', COMPENSATION), fail('charge', true, COMPENSATION)],
  FAILED: FAILED_RUN,
  RETRACTED: [accept(), RETRACT],
  REVOKING: REVOKING_RUN,
  REVOKED: [...REVOKING_RUN, ...runs('charge', null, UNDO_RUN), ...runs('reserve', null, UNDO_RUN)],
  REVOKE_FAILED: [...REVOKING_RUN, start('charge', UNDO_RUN), fail('charge', true, UNDO_RUN)],
  REPLAYING: [...FAILED_RUN, replay()],
  REPLAY_FAILED: [...FAILED_RUN, replay(), start('reserve', { runId: 'run-2' }), fail('reserve', true, { runId: 'run-2' })],
};

/** An event's type and, where it has one, the status it records. */
export function typeAndStatus(event: MessageEvent): [string, MessageStatus | undefined] {
  return [event.type, 'status' in event.data ? event.data.status : undefined];
}
