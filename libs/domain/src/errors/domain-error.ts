/**
 * A failure the caller can act on. `code` is stable and machine-readable; the HTTP edge maps it to a
 * status in one place. The message names the cause and the way out.
 */
export abstract class DomainError extends Error {
  abstract readonly code: string;

  constructor(
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = new.target.name;
  }
}
