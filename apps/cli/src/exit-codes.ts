/**
 * Exit codes scripts can rely on (README "CLI"):
 * 0 ok · 1 the server refused the request (4xx) · 2 usage error · 3 server unreachable or 5xx ·
 * 4 a watched job ended badly (an operation cancelled or failed or with failed items, a rebuild failed).
 */
export const EXIT = { ok: 0, refused: 1, usage: 2, unavailable: 3, unfinished: 4 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** The command line was wrong: the message says what and what would work. Exit 2. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly helpFor?: string,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

/** The server answered 4xx (exit 1) or 5xx (exit 3) with the API's error body. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** No answer at all: refused connection, DNS, timeout. Exit 3. */
export class UnreachableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnreachableError';
  }
}

/** A watched job ended in a state other than success. Exit 4; the summary was printed already. */
export class UnfinishedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnfinishedError';
  }
}
