import { checkReply, replyIgnored } from './check-reply';
import type { RecordStepStarted } from './message-commands';
import type { MessageEvent, StepStarted } from './message-events';
import type { MessageState } from './message-state';
import { refuse } from './refuse';

/** Records that a worker picked up the current job; a late or duplicate start is recorded and ignored. */
export function decideStepStarted(state: MessageState, command: RecordStepStarted): MessageEvent[] {
  if (state.status === null) throw refuse('record a step start for', state, {});
  const verdict = checkReply(state, command);
  if (!verdict.applies) return [replyIgnored(command, verdict.why)];
  return [stepStarted(state, command)];
}

/** The start of `reply`'s attempt: the first start of a PENDING message makes it PROCESSING. */
export function stepStarted(state: MessageState, reply: Omit<RecordStepStarted, 'type'>): StepStarted {
  const { runId, step, kind, attempt } = reply;
  const status = state.status === 'PENDING' || state.status === null ? 'PROCESSING' : state.status;
  return { type: 'StepStarted', data: { runId, step, kind, attempt, status } };
}
