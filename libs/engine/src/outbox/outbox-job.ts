import type { JsonObject, StepKind } from '@retrace/domain';

/** The queue Retrace's own worker takes HTTP steps from. */
export const HTTP_STEP_QUEUE = 'retrace.http';

/**
 * What a step's job carries (docs/worker-protocol.md): the body of API.md's "HTTP steps" plus what
 * Retrace's own HTTP worker needs. `attempt` is added by the worker from BullMQ's attempt count.
 */
export interface StepJobData {
  messageId: string;
  saga: string;
  sagaVersion: number;
  step: string;
  kind: StepKind;
  runId: string;
  replayOf: string | null;
  payload: JsonObject;
  results: Record<string, unknown>;
  timeoutMs: number;
  http?: { url: string; method: string; headers: Record<string, string> };
}

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
