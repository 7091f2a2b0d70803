import type { MessageCommand, StepDefinition, StepReply } from '@retrace/domain';

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
      const exhausted = step !== undefined && attempt >= step.retry.attempts;
      const final = reply.final || exhausted || reply.error.permanent === true;
      return { type: 'RecordStepOutcome', runId, step: name, kind, attempt, outcome: { ok: false, error: reply.error, final } };
    }
  }
}
