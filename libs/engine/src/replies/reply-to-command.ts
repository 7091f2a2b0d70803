import type { MessageCommand, StepDefinition, StepReply } from '@retrace/domain';

const MAX_ERROR_MESSAGE = 2000;

/**
 * The command a worker's reply asks for. Whether a failure is final is decided here too, from the
 * pinned step's retry policy, rather than only trusted from a worker in another language.
 */
export function replyToCommand(reply: StepReply, step: StepDefinition | undefined): MessageCommand {
  const { runId, step: name, kind, attempt } = reply;
  switch (reply.type) {
    case 'started':
      return { type: 'RecordStepStarted', runId, step: name, kind, attempt };
    case 'succeeded':
      return { type: 'RecordStepOutcome', runId, step: name, kind, attempt, outcome: { ok: true, result: reply.result ?? null } };
    case 'failed': {
      // A foreign worker's message is bounded before it reaches the log.
      const error = { ...reply.error, message: reply.error.message.slice(0, MAX_ERROR_MESSAGE) };
      const exhausted = step !== undefined && attempt >= step.retry.attempts;
      const final = reply.final || exhausted || reply.error.permanent === true;
      return { type: 'RecordStepOutcome', runId, step: name, kind, attempt, outcome: { ok: false, error, final } };
    }
  }
}
