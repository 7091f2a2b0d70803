import type { StepJobData } from './step-job-data';
import type { StepFailedReply, StepReply } from './step-reply';

/** What a worker knows about the attempt it is running. */
export interface AttemptInfo {
  jobId: string;
  /** 1 for the first try. */
  attempt: number;
  /** The job's `opts.attempts` (1 when unset). */
  maxAttempts: number;
}

export type AttemptOutcome =
  | { type: 'started' }
  | { type: 'succeeded'; result: unknown }
  | { type: 'failed'; error: StepFailedReply['error'] };

/**
 * The reply a worker sends for an attempt. A failure is final when the error is permanent or the
 * attempts are used up: BullMQ will not run the job again, so the orchestrator must act.
 */
export function replyFor(data: StepJobData, info: AttemptInfo, outcome: AttemptOutcome): StepReply {
  const base = {
    jobId: info.jobId,
    messageId: data.messageId,
    runId: data.runId,
    step: data.step,
    kind: data.kind,
    attempt: info.attempt,
  };
  switch (outcome.type) {
    case 'started':
      return { ...base, type: 'started' };
    case 'succeeded':
      return { ...base, type: 'succeeded', result: outcome.result ?? null };
    case 'failed':
      return {
        ...base,
        type: 'failed',
        error: outcome.error,
        final: outcome.error.permanent === true || info.attempt >= info.maxAttempts,
      };
  }
}
