const CONNECTION_ERRORS = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN']);

/**
 * Whether an error means PostgreSQL or the queue backend cannot be reached right now (503), as
 * opposed to a bug. SQLSTATE class 08 is connection exceptions; 57P0x is an admin/crash shutdown.
 */
export function isDependencyDown(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const { code } = error as { code?: unknown };
  if (typeof code === 'string' && (CONNECTION_ERRORS.has(code) || code.startsWith('08') || /^57P0[1-3]$/.test(code))) {
    return true;
  }
  return /Connection terminated|connection timeout|Client has encountered a connection error/i.test(error.message);
}
