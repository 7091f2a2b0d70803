import type { HealthCheckResult } from '@nestjs/terminus';
import type { HealthReport } from './health-check';

/**
 * Terminus's result in the shape API.md's `/health` has always had: `{status, checks, errors?}`.
 * A process that is shutting down reports `error` (its dependencies may still be up) so that a load
 * balancer stops sending to it.
 */
export function toHealthReport(result: HealthCheckResult): HealthReport {
  const entries = Object.entries(result.details);
  const errors = entries.filter(([, d]) => d.status !== 'up').map(([name, d]) => [name, typeof d.message === 'string' ? d.message : 'down'] as const);
  const shuttingDown = result.status === 'shutting_down';
  const report: HealthReport = {
    status: result.status === 'ok' && errors.length === 0 ? 'ok' : 'error',
    checks: Object.fromEntries(entries.map(([name, d]) => [name, d.status === 'up' ? 'up' : 'down'])),
  };
  if (errors.length > 0 || shuttingDown) report.errors = Object.fromEntries([...errors, ...(shuttingDown ? [['process', 'shutting down'] as const] : [])]);
  return report;
}
