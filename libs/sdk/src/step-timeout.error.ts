/**
 * The reason `ctx.signal` is aborted with when an attempt outlives the step's `timeoutMs`. The
 * attempt fails with code `TIMEOUT` and is retried under the step's retry policy.
 *
 * @example
 * if (ctx.signal.reason instanceof StepTimeoutError) ctx.log.warn('gave up waiting for the bank');
 */
export class StepTimeoutError extends Error {
  readonly code = 'TIMEOUT';

  constructor(readonly timeoutMs: number) {
    super(`step attempt timed out after ${timeoutMs} ms (the step's timeoutMs); it is retried if attempts remain`);
    this.name = 'StepTimeoutError';
  }
}
