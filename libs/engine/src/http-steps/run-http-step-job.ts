import { replyFor, type StepJobData, type StepReply } from '@retrace/domain';
import { UnrecoverableError } from 'bullmq';
import { callHttpStep, type CallHttpStepOptions, type HttpStepOutcome } from './call-http-step';
import { HttpStepInterruptedError } from './http-step-interrupted.error';

/** The part of a BullMQ job an HTTP step attempt needs. */
export interface HttpStepJob {
  id?: string;
  data: StepJobData;
  /** Failed attempts so far: this attempt is `attemptsMade + 1`. */
  attemptsMade: number;
  opts: { attempts?: number };
}

export interface RunHttpStepJobDeps extends CallHttpStepOptions {
  /** Adds a reply to `job.data.replyTo`; a rejection fails the job. */
  sendReply: (reply: StepReply) => Promise<void>;
  /** Aborted when the worker gives up on the attempt (shutdown, lost lock). */
  signal?: AbortSignal;
  /** Replaceable in unit tests. */
  call?: typeof callHttpStep;
}

/**
 * One attempt of an HTTP step job: `started`, the call, then `succeeded` (the result is returned)
 * or `failed` (then thrown: permanent as `UnrecoverableError` so BullMQ stops, retryable as a plain
 * Error so BullMQ retries with the job's backoff). An interrupted attempt sends no outcome and
 * throws {@link HttpStepInterruptedError}.
 */
export async function runHttpStepJob(job: HttpStepJob, deps: RunHttpStepJobDeps): Promise<unknown> {
  if (job.id === undefined) throw new Error(`HTTP step job without an id (step ${job.data.step}); the relay always sets stepJobId(...)`);
  const info = { jobId: job.id, attempt: job.attemptsMade + 1, maxAttempts: job.opts.attempts ?? 1 };
  await deps.sendReply(replyFor(job.data, info, { type: 'started' }));
  const call = deps.call ?? callHttpStep;
  const outcome: HttpStepOutcome = await call(job.data, info, deps.signal, { maxResponseBytes: deps.maxResponseBytes });
  if (outcome.ok) {
    await deps.sendReply(replyFor(job.data, info, { type: 'succeeded', result: outcome.result }));
    return outcome.result ?? null;
  }
  // A failure after our own abort is no answer from the service; a success is kept regardless.
  if (deps.signal?.aborted === true) throw new HttpStepInterruptedError(job.id, deps.signal.reason);
  await deps.sendReply(replyFor(job.data, info, { type: 'failed', error: outcome.error }));
  throw outcome.error.permanent ? new UnrecoverableError(outcome.error.message) : new Error(outcome.error.message);
}
