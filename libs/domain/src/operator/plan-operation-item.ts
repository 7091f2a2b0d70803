import { DomainError } from '../errors/domain-error';
import { decide } from '../message/decide';
import type { CompensationSkipped, CompensationStarted, MessageEvent, ReplayStarted } from '../message/message-events';
import type { MessageState } from '../message/message-state';
import { operationCommand } from './operation-command';
import type { OperationAction, OperationParams } from './parse-operation-request';

/** What an operation would do to one message, found by deciding on its current state. */
export type ItemPlan =
  | { acts: true; run: string[]; reuse: string[]; compensate: string[]; skipCompensation: string[]; withdraw: string | null }
  | { acts: false; outcome: 'skipped' | 'failed'; code: string; reason: string };

const find = <T extends MessageEvent['type']>(events: MessageEvent[], type: T) =>
  events.find((e): e is Extract<MessageEvent, { type: T }> => e.type === type);

/**
 * Plans one item of a dry run with the same `decide` the run will use, so the plan cannot drift
 * from what happens. A refusal because of the message's status is `skipped`; any other (an
 * irreversible step without force, an unknown step) is `failed`.
 */
export function planOperationItem(state: MessageState, action: OperationAction, params: OperationParams): ItemPlan {
  let events: MessageEvent[];
  try {
    events = decide(state, operationCommand(action, params, 'dry-run'));
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return { acts: false, outcome: error.code === 'ILLEGAL_TRANSITION' ? 'skipped' : 'failed', code: error.code, reason: error.message };
  }
  const replay: ReplayStarted | undefined = find(events, 'ReplayStarted');
  const compensation: CompensationStarted | undefined = find(events, 'CompensationStarted');
  const skipped = events.filter((e): e is CompensationSkipped => e.type === 'CompensationSkipped');
  const reuse = replay?.data.reused ?? [];
  return {
    acts: true,
    run: replay ? state.steps.map((s) => s.name).filter((name) => !reuse.includes(name)) : [],
    reuse,
    compensate: compensation?.data.steps ?? [],
    skipCompensation: skipped.map((e) => e.data.step),
    withdraw: action === 'retract' ? (state.current?.step ?? null) : null,
  };
}
