/** A refusal from the API (`{error: {code, message, details}}`), or no answer at all (status 0). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** The server's own words (its message already names every field at fault). */
  describe(): string {
    return this.status === 0 ? this.message : `${this.status} ${this.code}: ${this.message}`;
  }
}

/** What to show for anything a call threw. */
export const describeError = (error: unknown): string =>
  error instanceof ApiError ? error.describe() : error instanceof Error ? error.message : String(error);
