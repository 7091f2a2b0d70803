/**
 * The reason `ctx.signal` is aborted with when `close()` has waited `shutdownGraceMs` for the
 * attempt. The job goes back to its queue without using up an attempt and without a reply, so
 * another worker runs it again with the same idempotency key.
 *
 * @example
 * if (ctx.signal.reason instanceof WorkerClosingError) await releaseReservation(ctx.idempotencyKey);
 */
export class WorkerClosingError extends Error {
  constructor(readonly shutdownGraceMs: number) {
    super(`the worker is closing and the attempt did not finish within shutdownGraceMs (${shutdownGraceMs} ms); the job goes back to its queue`);
    this.name = 'WorkerClosingError';
  }
}
