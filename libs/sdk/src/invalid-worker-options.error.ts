/**
 * `createWorker` refused its arguments. Thrown at startup, before any connection is opened, and
 * lists every problem at once.
 *
 * @example
 * try { createWorker({}, { connection }); } catch (e) { if (e instanceof InvalidWorkerOptionsError) console.error(e.problems); }
 */
export class InvalidWorkerOptionsError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`createWorker refused its arguments:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'InvalidWorkerOptionsError';
  }
}
