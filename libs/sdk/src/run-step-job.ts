import { replyFor, type AttemptInfo, type JsonObject, type StepJobData, type StepReply } from '@retrace/domain';
import { attemptLogger } from './attempt-logger';
import { describeFailure, toBullMqError } from './describe-failure';
import { parseStepJobData } from './parse-step-job-data';
import type { StepContext, StepHandler } from './step-context';
import { StepInterruptedError } from './step-interrupted.error';
import { StepTimeoutError } from './step-timeout.error';
import { toJsonResult } from './to-json-result';
import { WorkerClosingError } from './worker-closing.error';
import type { WorkerLogger } from './worker-options';

// setTimeout fires at once beyond this (2^31 - 1 ms, about 24.8 days).
const MAX_TIMER_MS = 2_147_483_647;

/** The part of a BullMQ job an attempt needs. */
export interface StepJob {
  id?: string;
  data: unknown;
  /** Failed attempts so far: this attempt is `attemptsMade + 1`. */
  attemptsMade: number;
  opts: { attempts?: number };
}

/** Where a job's replies go: its reply stream when it names one (and the worker is on Redis), else its reply queue. */
export type ReplyAddress = Pick<StepJobData, 'replyTo' | 'replyStream'>;

export interface RunStepJobDeps {
  handler: StepHandler<JsonObject, unknown>;
  /** Sends `reply` to the job's reply stream or queue; a rejection fails the attempt (never swallowed). */
  sendReply: (to: ReplyAddress, reply: StepReply) => Promise<void>;
  reportStarted: boolean;
  /** Send `started` once the attempt has run this long (0: before the handler); never if it ended sooner. */
  reportStartedAfterMs: number;
  logger: WorkerLogger;
  /** Lets `close()` abort the attempt; returns the function that forgets it. */
  track: (controller: AbortController) => () => void;
}

/**
 * One attempt of a step job: `started` (at once, or once the attempt has run `reportStartedAfterMs`;
 * an outcome implies it), the handler under the step's timeout, then `succeeded` (the
 * result is also returned, so it becomes the job's returnvalue) or `failed` (then thrown: permanent
 * errors as BullMQ's `UnrecoverableError`). An attempt interrupted by `close()` sends no outcome and
 * throws {@link StepInterruptedError}.
 */
export async function runStepJob(job: StepJob, deps: RunStepJobDeps): Promise<unknown> {
  const data = parseStepJobData(job.id, job.data);
  const info: AttemptInfo = { jobId: job.id!, attempt: job.attemptsMade + 1, maxAttempts: job.opts.attempts ?? 1 };
  const log = attemptLogger(deps.logger, { jobId: info.jobId, messageId: data.messageId, step: data.step, kind: data.kind, attempt: info.attempt });
  const sendStarted = () => deps.sendReply(data, replyFor(data, info, { type: 'started' }));
  if (deps.reportStarted && deps.reportStartedAfterMs === 0) await sendStarted();
  // A late `started` goes out while the handler runs; the outcome waits for it (replies stay in order).
  let started: Promise<void> | undefined;
  const startedTimer =
    deps.reportStarted && deps.reportStartedAfterMs > 0
      ? setTimeout(() => {
          started = sendStarted();
          started.catch(() => undefined); // awaited (and so reported) before the outcome
        }, deps.reportStartedAfterMs)
      : undefined;

  const controller = new AbortController();
  const untrack = deps.track(controller);
  let result: unknown;
  try {
    result = toJsonResult(await runHandler(deps.handler, contextFor(data, info, controller.signal, log), controller, data.timeoutMs));
  } catch (thrown) {
    const reason: unknown = controller.signal.reason;
    if (reason instanceof WorkerClosingError) throw new StepInterruptedError(info.jobId, reason);
    // Whatever the handler threw on its way out, a timeout is reported as the timeout.
    const error = reason instanceof StepTimeoutError ? reason : thrown;
    const failure = describeFailure(error);
    const reply = replyFor(data, info, { type: 'failed', error: failure });
    const final = reply.type === 'failed' && reply.final;
    clearTimeout(startedTimer);
    await started;
    log[final ? 'error' : 'warn'](`step ${data.step} (${data.kind}) attempt ${info.attempt}/${info.maxAttempts} failed${final ? ' for good' : ''}: ${failure.message}`, {
      code: failure.code,
    });
    await deps.sendReply(data, reply);
    throw toBullMqError(error, failure);
  } finally {
    clearTimeout(startedTimer);
    untrack();
  }
  await started;
  await deps.sendReply(data, replyFor(data, info, { type: 'succeeded', result }));
  return result;
}

function contextFor(data: StepJobData, info: AttemptInfo, signal: AbortSignal, log: StepContext['log']): StepContext {
  return {
    idempotencyKey: info.jobId,
    messageId: data.messageId,
    runId: data.runId,
    replayOf: data.replayOf,
    saga: data.saga,
    sagaVersion: data.sagaVersion,
    step: data.step,
    kind: data.kind,
    attempt: info.attempt,
    maxAttempts: info.maxAttempts,
    payload: data.payload,
    results: data.results,
    signal,
    log,
  };
}

/**
 * Settles with the handler, or rejects as soon as the signal aborts: a handler that ignores its
 * signal keeps running in the background, but the attempt (and a closing worker) stop waiting.
 */
async function runHandler(
  handler: StepHandler<JsonObject, unknown>,
  ctx: StepContext,
  controller: AbortController,
  timeoutMs: number | undefined,
): Promise<unknown> {
  const { signal } = controller;
  const reasonOf = (): Error => (signal.reason instanceof Error ? signal.reason : new Error(String(signal.reason)));
  if (signal.aborted) throw reasonOf();
  let onAbort = (): void => undefined;
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(reasonOf());
  });
  signal.addEventListener('abort', onAbort, { once: true });
  const timer =
    timeoutMs === undefined ? undefined : setTimeout(() => controller.abort(new StepTimeoutError(timeoutMs)), Math.min(timeoutMs, MAX_TIMER_MS));
  try {
    // Through a promise chain, so a handler that throws synchronously rejects like an async one.
    return await Promise.race([Promise.resolve().then(() => handler(ctx.payload, ctx)), aborted]);
  } finally {
    clearTimeout(timer);
    signal.removeEventListener('abort', onAbort);
  }
}
