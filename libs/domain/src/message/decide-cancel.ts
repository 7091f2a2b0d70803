import { emit, startDecision } from './decision';
import type { MessageEvent } from './message-events';
import type { MessageState } from './message-state';
import { refuse, type RefusalHints } from './refuse';
import { startCompensation } from './start-compensation';

const NOTHING_RUNS = 'nothing is running';

const HINTS: RefusalHints = {
  PENDING: 'no step has started yet — use retract',
  COMPENSATING: 'it is already being compensated; wait for it to settle',
  REVOKING: 'an undo is running; wait for it to settle',
  COMPLETED: `${NOTHING_RUNS} — use undo to compensate its steps`,
  FAILED: `${NOTHING_RUNS} — use undo to compensate its completed steps, or replay to resume it`,
  COMPENSATED: `${NOTHING_RUNS} and its steps are compensated — use replay to run it again`,
  REVOKED: `${NOTHING_RUNS} and its steps are compensated — use replay to run it again`,
  COMPENSATION_FAILED: `${NOTHING_RUNS} — use undo to retry the compensations still owed`,
  REVOKE_FAILED: `${NOTHING_RUNS} — use undo to retry the compensations still owed`,
  REPLAY_FAILED: `${NOTHING_RUNS} — use replay to run it again`,
  RETRACTED: `${NOTHING_RUNS}; it was retracted before any step started`,
};

/**
 * Stops a running message: no further step starts and the steps in place are compensated in
 * reverse. The job dispatched or running now is awaited first (its outcome starts compensation),
 * because a worker may already be running it.
 */
export function decideCancel(state: MessageState): MessageEvent[] {
  if (state.status !== 'PROCESSING' && state.status !== 'REPLAYING') throw refuse('cancel', state, HINTS);
  const awaiting = state.current?.step ?? null;
  const decision = emit(startDecision(state), {
    type: 'CancelRequested',
    data: { runId: state.runId, awaiting, status: 'COMPENSATING' },
  });
  return [...(awaiting === null ? startCompensation(decision, 'cancel', 'cancelled') : decision).events];
}
