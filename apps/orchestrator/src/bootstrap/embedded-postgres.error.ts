/** The embedded PostgreSQL could not be prepared; the message says why and what to change. */
export class EmbeddedPostgresError extends Error {
  constructor(reason: string, recentLog: readonly string[] = []) {
    super(
      `Embedded PostgreSQL: ${reason}` +
        (recentLog.length > 0 ? `\nLast PostgreSQL output:\n${recentLog.map((line) => `  ${line}`).join('\n')}` : ''),
    );
    this.name = 'EmbeddedPostgresError';
  }
}
