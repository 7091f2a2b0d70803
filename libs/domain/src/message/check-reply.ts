import type { RecordStepOutcome, RecordStepStarted } from './message-commands';
import type { ReplyIgnored } from './message-events';
import type { MessageState } from './message-state';
import { isTerminalStatus } from './message-status';

/** Whether a worker's reply applies to the message now, and if so whether it implies a start. */
export type ReplyVerdict = { applies: true; impliedStart: boolean } | { applies: false; why: string };

/**
 * Checks a start or outcome reply against the job the message is waiting for. Replies of another
 * run, for another job, for a settled message, or for an attempt already recorded are late or
 * duplicate. An outcome for an attempt whose start was never recorded (replies can arrive out of
 * order) applies, and implies that start.
 */
export function checkReply(state: MessageState, reply: RecordStepStarted | RecordStepOutcome): ReplyVerdict {
  if (reply.runId !== state.runId) return ignore(`stale run ${reply.runId}; the current run is ${state.runId}`);
  if (state.status !== null && isTerminalStatus(state.status)) return ignore(`the message is ${state.status}`);
  const { current } = state;
  if (current === null) return ignore('no job is dispatched now');
  if (current.step !== reply.step || current.kind !== reply.kind) {
    return ignore(`not the current job (${current.step} ${current.kind})`);
  }
  const lastStarted = state.steps.find((step) => step.name === reply.step)?.attempts ?? 0;
  if (reply.type === 'RecordStepStarted') {
    return reply.attempt > lastStarted ? applies(false) : ignore(`attempt ${reply.attempt} was already started`);
  }
  if (current.attempt !== null && reply.attempt === current.attempt) return applies(false);
  if (reply.attempt > lastStarted) return applies(true);
  // Replies race: attempt N's failure can land after attempt N+1 has started. The retry already
  // happened, so the state stays; the failure is kept in the history with its error.
  if (current.attempt !== null && reply.attempt < current.attempt) {
    return ignore(`attempt ${reply.attempt} was reported after attempt ${current.attempt} had started`);
  }
  return ignore(`attempt ${reply.attempt} was already reported`);
}

/** The event that records a reply as ignored. */
export function replyIgnored(reply: RecordStepStarted | RecordStepOutcome, why: string): ReplyIgnored {
  const { runId, step, kind, attempt } = reply;
  const error = reply.type === 'RecordStepOutcome' && !reply.outcome.ok ? { error: reply.outcome.error } : {};
  return { type: 'ReplyIgnored', data: { runId, step, kind, attempt, outcome: outcomeName(reply), why, ...error } };
}

function outcomeName(reply: RecordStepStarted | RecordStepOutcome): string {
  if (reply.type === 'RecordStepStarted') return 'started';
  if (reply.outcome.ok) return 'succeeded';
  return reply.outcome.final ? 'failed' : 'attempt failed';
}

function applies(impliedStart: boolean): ReplyVerdict {
  return { applies: true, impliedStart };
}

function ignore(why: string): ReplyVerdict {
  return { applies: false, why };
}
