import type { HealthCheck, HealthReport } from './health-check';

const CHECK_TIMEOUT_MS = 3000;

/** Runs every check at once; a check that hangs counts as down after a few seconds. */
export async function runHealthChecks(checks: readonly HealthCheck[]): Promise<HealthReport> {
  const results = await Promise.all(checks.map(async (c) => ({ name: c.name, error: await failureOf(c) })));
  const report: HealthReport = {
    status: results.every((r) => r.error === undefined) ? 'ok' : 'error',
    checks: Object.fromEntries(results.map((r) => [r.name, r.error === undefined ? 'up' : 'down'])),
  };
  const errors = results.filter((r) => r.error !== undefined);
  if (errors.length > 0) report.errors = Object.fromEntries(errors.map((r) => [r.name, r.error as string]));
  return report;
}

async function failureOf(check: HealthCheck): Promise<string | undefined> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      check.check(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
      }),
    ]);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    clearTimeout(timer);
  }
}
