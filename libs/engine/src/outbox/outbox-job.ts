import type { StepJobData } from '@retrace/domain';

export interface StepJobOptions {
  attempts: number;
  backoff: { type: 'fixed' | 'exponential'; delay: number };
  delay: number;
}

/** One row of the outbox: a job decided in the same transaction as its `StepDispatched` event. */
export interface OutboxJob {
  jobId: string;
  queue: string;
  messageId: string;
  data: StepJobData;
  options: StepJobOptions;
}
