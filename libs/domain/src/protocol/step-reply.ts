import type { StepKind } from '../message/message-events';

/**
 * A worker's word about one attempt of one step job, sent as a job on `StepJobData.replyTo`.
 * `started` is optional (it shows the message PROCESSING sooner); `succeeded` and `failed` are not.
 */
export type StepReply = StepStartedReply | StepSucceededReply | StepFailedReply;

interface ReplyBase {
  /** The step job's id. */
  jobId: string;
  messageId: string;
  runId: string;
  step: string;
  kind: StepKind;
  /** 1 for the first try: `job.attemptsMade + 1` while processing. */
  attempt: number;
}

export interface StepStartedReply extends ReplyBase {
  type: 'started';
}

export interface StepSucceededReply extends ReplyBase {
  type: 'succeeded';
  /** What the handler returned (JSON); handed to later steps and to this step's compensation. */
  result: unknown;
}

export interface StepFailedReply extends ReplyBase {
  type: 'failed';
  error: { message: string; code?: string; permanent?: boolean };
  /** True when no retry follows: attempts exhausted, or the error is permanent. */
  final: boolean;
}

/** A reply's job id: one per attempt and outcome, so a reply sent twice is stored once. */
export const replyJobId = (reply: Pick<StepReply, 'jobId' | 'attempt' | 'type'>): string =>
  `${reply.jobId}~${reply.attempt}~${reply.type}`;

/**
 * How a reply job is added: kept until applied; if the orchestrator cannot apply it yet (PostgreSQL
 * away), BullMQ retries it with back-off (~8.5 min in all) before the sweeper has to step in.
 */
export const REPLY_JOB_OPTIONS = {
  attempts: 10,
  backoff: { type: 'exponential' as const, delay: 500 },
  removeOnComplete: true,
  removeOnFail: { age: 7 * 24 * 3600 },
};
