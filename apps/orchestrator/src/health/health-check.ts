export type HealthStatus = 'up' | 'down';

/** The body of `GET /health` (200 when `ok`, 503 otherwise). */
export interface HealthReport {
  status: 'ok' | 'error';
  checks: Record<string, HealthStatus>;
  /** Why each failing check is down; absent when everything is up. */
  errors?: Record<string, string>;
}
