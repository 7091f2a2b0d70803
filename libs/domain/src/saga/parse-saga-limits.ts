/** Every bound a saga definition is checked against (inclusive). Times are in milliseconds. */
export const SAGA_DEFINITION_LIMITS = {
  /** `version`: a positive 32-bit integer, so it fits a PostgreSQL `integer` column. */
  minVersion: 1,
  maxVersion: 2_147_483_647,
  maxDescriptionLength: 2000,
  minSteps: 1,
  maxSteps: 100,
  /** `retry.attempts` counts every try, the first included. */
  minAttempts: 1,
  maxAttempts: 100,
  maxBackoffDelayMs: 3_600_000,
  minTimeoutMs: 100,
  maxTimeoutMs: 86_400_000,
  maxUrlLength: 2048,
  maxHeaders: 32,
  maxHeaderValueLength: 4096,
} as const;
