import type { MessageEvent } from './message-events';
import type { MessageState } from './message-state';
import { refuse, type RefusalHints } from './refuse';

const ONLY_BEFORE_START = 'retract only works before the first step starts';

const HINTS: RefusalHints = {
  PENDING: `${ONLY_BEFORE_START} — use cancel`,
  PROCESSING: `${ONLY_BEFORE_START} — use cancel, or undo after it completes`,
  REPLAYING: `${ONLY_BEFORE_START} — use cancel to stop the replay`,
  COMPENSATING: `${ONLY_BEFORE_START} — it is being compensated; wait for it to settle`,
  REVOKING: `${ONLY_BEFORE_START} — an undo is running; wait for it to settle`,
  COMPLETED: `${ONLY_BEFORE_START} — use undo to compensate its steps`,
  FAILED: `${ONLY_BEFORE_START} — use undo to compensate its completed steps, or replay to resume it`,
  COMPENSATED: `${ONLY_BEFORE_START} — its steps are already compensated; use replay to run it again`,
  REVOKED: `${ONLY_BEFORE_START} — its steps are already compensated; use replay to run it again`,
  COMPENSATION_FAILED: `${ONLY_BEFORE_START} — use undo to retry the compensations still owed`,
  REVOKE_FAILED: `${ONLY_BEFORE_START} — use undo to retry the compensations still owed`,
  REPLAY_FAILED: `${ONLY_BEFORE_START} — use replay to run it again`,
  RETRACTED: 'it is already retracted',
};

/** Withdraws a message that no step has started. */
export function decideRetract(state: MessageState): MessageEvent[] {
  if (state.status !== 'PENDING' || state.started) throw refuse('retract', state, HINTS);
  return [{ type: 'MessageRetracted', data: { status: 'RETRACTED' } }];
}
