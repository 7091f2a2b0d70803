import { DEFAULT_RETRY, type StepDefinition } from '@retrace/domain';
import { DEADLINE_GRACE_MS, MAX_DEADLINE_MS, stepDeadlineMs } from './step-deadline';

const step = (retry: StepDefinition['retry'], timeoutMs = 1000): StepDefinition => ({
  name: 's',
  action: { queue: 'q' },
  compensation: null,
  retry,
  timeoutMs,
});

describe(stepDeadlineMs.name, () => {
  it('is one timeout plus grace for a single attempt', () => {
    expect(stepDeadlineMs(step(DEFAULT_RETRY))).toBe(1000 + DEADLINE_GRACE_MS);
  });

  it('adds every attempt and fixed backoff between them', () => {
    const s = step({ attempts: 3, backoff: { type: 'fixed', delayMs: 200 } });
    expect(stepDeadlineMs(s)).toBe(3 * 1000 + 2 * 200 + DEADLINE_GRACE_MS);
  });

  it('doubles exponential backoff per retry', () => {
    const s = step({ attempts: 4, backoff: { type: 'exponential', delayMs: 100 } });
    expect(stepDeadlineMs(s)).toBe(4 * 1000 + 100 + 200 + 400 + DEADLINE_GRACE_MS);
  });

  it('is capped however large the policy multiplies', () => {
    const s = step({ attempts: 100, backoff: { type: 'exponential', delayMs: 3_600_000 } }, 86_400_000);
    expect(stepDeadlineMs(s)).toBe(MAX_DEADLINE_MS);
  });
});
