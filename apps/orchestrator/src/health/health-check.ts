/** One dependency /health reports on: `check()` resolves when it is up, rejects with why not. */
export interface HealthCheck {
  readonly name: string;
  check(): Promise<void>;
}

/** Multi-provider token: every {@link HealthCheck} the app should report. */
export const HEALTH_CHECKS = Symbol('HEALTH_CHECKS');

export type HealthStatus = 'up' | 'down';

export interface HealthReport {
  status: 'ok' | 'error';
  checks: Record<string, HealthStatus>;
  /** Why each failing check is down; absent when everything is up. */
  errors?: Record<string, string>;
}
