/**
 * An attempt cut short by the worker itself (shutdown past its grace period, a lost lock): not the
 * service's answer, so no `failed` reply is sent and the attempt is not counted.
 */
export class HttpStepInterruptedError extends Error {
  constructor(
    readonly jobId: string,
    reason: unknown,
  ) {
    super(`HTTP step job ${jobId} was interrupted before the service answered (${String(reason)}); it will run again`);
    this.name = HttpStepInterruptedError.name;
  }
}
