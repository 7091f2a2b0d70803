/**
 * Retrace answered an HTTP error (`{"error": {code, message, details}}`). `transient` says whether
 * trying again later can help (408, 429, 5xx); other 4xx need the request or the setup changed.
 *
 * @example
 * if (error instanceof RetraceHttpError && error.code === 'SUBSCRIPTION_DEFINITION_CONFLICT') console.error(error.details);
 */
export class RetraceHttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(`${status} ${code}: ${message}`);
    this.name = 'RetraceHttpError';
  }

  get transient(): boolean {
    return this.status === 408 || this.status === 429 || this.status >= 500;
  }
}
