import { DEFAULT_MAX_RESPONSE_BYTES } from './call-http-step';

/** The `QueueBackend` the HTTP step worker runs on; the app provides it (usually `useExisting` the runtime's). */
export const HTTP_STEP_QUEUE_BACKEND = Symbol('HTTP_STEP_QUEUE_BACKEND');

/** Optional {@link HttpStepWorkerOptions}; every field has a default. */
export const HTTP_STEP_WORKER_OPTIONS = Symbol('HTTP_STEP_WORKER_OPTIONS');

export interface HttpStepWorkerOptions {
  /** HTTP calls in flight at once in this process. Default 50. */
  concurrency?: number;
  /** On shutdown, how long in-flight calls may still finish before they are interrupted. Default 10 000 ms. */
  shutdownGraceMs?: number;
  /** Larger 2xx bodies fail the step permanently. Default 1 MiB. */
  maxResponseBytes?: number;
}

export const DEFAULT_HTTP_STEP_CONCURRENCY = 50;
export const DEFAULT_HTTP_STEP_SHUTDOWN_GRACE_MS = 10_000;

/** Fills in the defaults and refuses nonsense at startup, not on the first job. */
export function resolveHttpStepWorkerOptions(options: HttpStepWorkerOptions = {}): Required<HttpStepWorkerOptions> {
  const resolved = {
    concurrency: options.concurrency ?? DEFAULT_HTTP_STEP_CONCURRENCY,
    shutdownGraceMs: options.shutdownGraceMs ?? DEFAULT_HTTP_STEP_SHUTDOWN_GRACE_MS,
    maxResponseBytes: options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
  };
  for (const [name, value] of Object.entries(resolved)) {
    const min = name === 'shutdownGraceMs' ? 0 : 1;
    if (!Number.isSafeInteger(value) || value < min) {
      throw new Error(`HTTP step worker option ${name} must be an integer ≥ ${min}, got ${String(value)}`);
    }
  }
  return resolved;
}
