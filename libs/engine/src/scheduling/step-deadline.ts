import type { StepDefinition } from '@retrace/domain';

/** Slack on top of a step's own budget, for queueing and reply latency. */
export const DEADLINE_GRACE_MS = 5_000;
/** No deadline is further away than this, whatever the retry policy multiplies up to. */
export const MAX_DEADLINE_MS = 7 * 24 * 3_600_000;

/**
 * How long a dispatched step may take in all before the orchestrator records it as timed out:
 * every attempt's timeout plus the backoff between attempts (fixed, or delayMs × 2^(n−1)), plus
 * grace. A worker that dies or hangs cannot keep a message in flight forever.
 */
export function stepDeadlineMs(step: StepDefinition): number {
  const { attempts, backoff } = step.retry;
  let total = attempts * step.timeoutMs + DEADLINE_GRACE_MS;
  for (let retry = 1; retry < attempts && total < MAX_DEADLINE_MS; retry++) {
    total += backoff.type === 'fixed' ? backoff.delayMs : backoff.delayMs * 2 ** (retry - 1);
  }
  return Math.min(total, MAX_DEADLINE_MS);
}
