import type { MessageState, RecordStepOutcome, StepError } from '@retrace/domain';

/**
 * An outcome the orchestrator records itself for the job a message waits on — a deadline passed, or a
 * job finished in BullMQ but its reply was lost — or null when the message has moved on since.
 */
export function syntheticOutcome(
  state: MessageState,
  job: { runId: string; step: string; kind: 'action' | 'compensation' },
  outcome: RecordStepOutcome['outcome'],
): RecordStepOutcome | null {
  const { current } = state;
  if (!current || state.runId !== job.runId || current.step !== job.step || current.kind !== job.kind) return null;
  const started = state.steps.find((s) => s.name === job.step)?.attempts ?? 0;
  return { type: 'RecordStepOutcome', ...job, attempt: current.attempt ?? started + 1, outcome };
}

export const deadlineError = (step: string): StepError => ({
  message: `step '${step}' did not finish before its deadline (every attempt's timeoutMs plus backoff); recorded as a timeout`,
  code: 'DEADLINE_EXCEEDED',
});
