/** One environment variable that cannot be used, with why and what would work. */
export interface ConfigProblem {
  readonly variable: string;
  readonly problem: string;
}

/** Startup refuses to run; the message lists every bad variable at once. */
export class InvalidConfigError extends Error {
  constructor(readonly problems: readonly ConfigProblem[]) {
    super(
      [
        `Retrace cannot start: ${problems.length} configuration problem${problems.length === 1 ? '' : 's'}`,
        ...problems.map((p) => `  - ${p.variable}: ${p.problem}`),
      ].join('\n'),
    );
    this.name = 'InvalidConfigError';
  }
}
