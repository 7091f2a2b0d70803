import { UnknownStepError } from '../errors/unknown-step.error';
import { mergePatch } from '../json/merge-patch';
import { emit, startDecision } from './decision';
import type { ReplayMessage } from './message-commands';
import type { JsonObject, MessageEvent } from './message-events';
import type { MessageState } from './message-state';
import { REPLAYABLE_STATUSES } from './message-status';
import { refuse, type RefusalHints } from './refuse';

const HINTS: RefusalHints = {
  COMPLETED: 'it already completed — pass force to run it again',
  PENDING: 'it has not run yet — wait for it, or use retract to withdraw it',
  PROCESSING: 'it is still running — use cancel first, then replay',
  REPLAYING: 'a replay is already running — use cancel first, then replay',
  COMPENSATING: 'it is being compensated — wait for it to settle, then replay',
  REVOKING: 'an undo is running — wait for it to settle, then replay',
  RETRACTED: 'it was retracted before any step started — publish it again instead',
};

/**
 * Runs the message again as a new run. `restart` runs every step; `resume` runs from the first
 * step whose effect is not in place and reuses the recorded results before it; `fromStep` runs
 * from that step and reuses the results recorded before it. `patch` is merged into the payload.
 */
export function decideReplay(state: MessageState, command: ReplayMessage): MessageEvent[] {
  const replayable =
    state.status !== null &&
    (REPLAYABLE_STATUSES.includes(state.status) || (state.status === 'COMPLETED' && command.force));
  if (!replayable) throw refuse('replay', state, HINTS);
  const first = firstStepToRun(state, command);
  const { runId, mode, fromStep, force, patch } = command;
  const payload = patch === null ? state.payload : (mergePatch(state.payload, patch) as JsonObject);
  const reused = state.steps.slice(0, first).map((step) => step.name);
  const decision = emit(
    startDecision(state),
    {
      type: 'ReplayStarted',
      data: { runId, replayOf: state.runId, mode, fromStep, reused, patch, payload, force, status: 'REPLAYING' },
    },
    { type: 'StepDispatched', data: { runId, step: state.steps[first].name, kind: 'action', delayMs: 0 } },
  );
  return [...decision.events];
}

/** The index of the first step the new run runs; every step before it is reused. */
function firstStepToRun(state: MessageState, { mode, fromStep }: ReplayMessage): number {
  if (fromStep !== null) {
    const index = state.steps.findIndex((step) => step.name === fromStep);
    if (index < 0) throw new UnknownStepError(fromStep, state.steps.map((step) => step.name));
    return index;
  }
  if (mode === 'restart') return 0;
  const notInPlace = state.steps.findIndex((step) => step.status !== 'SUCCEEDED');
  return notInPlace < 0 ? 0 : notInPlace;
}
