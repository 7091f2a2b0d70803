/**
 * An attempt cut short by `close()` after its grace period: not the handler's answer, so no reply
 * is sent and the job goes back to its queue without using up an attempt.
 */
export class StepInterruptedError extends Error {
  constructor(
    readonly jobId: string,
    reason: unknown,
  ) {
    super(`step job ${jobId} was interrupted (${reason instanceof Error ? reason.message : String(reason)}); it will run again`);
    this.name = 'StepInterruptedError';
  }
}
