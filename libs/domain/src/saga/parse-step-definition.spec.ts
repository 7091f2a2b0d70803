import { IssueList } from '../validation/issue-list';
import { issuesOf } from '../validation/issues-of';
import { readRetryPolicy, readStepDefinition } from './parse-step-definition';
import { DEFAULT_TIMEOUT_MS } from './saga-definition';

const readStep = (value: unknown) => {
  const issues = new IssueList();
  const step = readStepDefinition(issues, value, 'steps[1]');
  return { step, issues: issuesOf(() => issues.throwIfAny()) };
};
const step = (fields: Record<string, unknown>) => readStep({ name: 'charge', action: { queue: 'billing.charge' }, ...fields });

describe(readStepDefinition.name, () => {
  it('fills the defaults of a minimal step: irreversible, one attempt, default timeout', () => {
    expect(step({})).toEqual({
      step: {
        name: 'charge',
        action: { queue: 'billing.charge' },
        compensation: null,
        retry: { attempts: 1, backoff: { type: 'fixed', delayMs: 0 } },
        timeoutMs: DEFAULT_TIMEOUT_MS,
      },
      issues: [],
    });
  });

  it('keeps an explicit compensation, null or target', () => {
    expect(step({ compensation: null }).step?.compensation).toBeNull();
    expect(step({ compensation: { queue: 'billing.refund' } }).step?.compensation).toEqual({ queue: 'billing.refund' });
  });

  it.each([['charge-card'], ['c'], ['Step_2'], [`a${'b'.repeat(63)}`]])('accepts name %p', (name) => {
    expect(step({ name }).issues).toEqual([]);
  });

  it.each([[''], ['2charge'], ['-x'], ['a.b'], ['a b'], ['chärge'], [`a${'b'.repeat(64)}`], [3]])('refuses name %p', (name) => {
    expect(step({ name }).issues).toEqual([
      { path: 'steps[1].name', message: expect.stringMatching(/^must be a string of 1-64 characters: letters, digits, '_' or '-', starting with a letter \(got /) },
    ]);
  });

  it.each([100, 30_000, 86_400_000])('accepts timeoutMs %p', (timeoutMs) => {
    expect(step({ timeoutMs }).step?.timeoutMs).toBe(timeoutMs);
  });

  it.each([99, 86_400_001, 1000.5, '30000', null])('refuses timeoutMs %p', (timeoutMs) => {
    expect(step({ timeoutMs }).issues).toEqual([
      { path: 'steps[1].timeoutMs', message: expect.stringMatching(/^must be an integer from 100 to 86400000 \(milliseconds, 0.1 s to 24 h\) \(got /) },
    ]);
  });

  it('reports every problem of a step at once, with paths', () => {
    expect(readStep({ name: 'x y', compensation: { queue: 'a:b' }, retry: { attempts: 0 }, timeoutMs: 5, retries: 3 }).issues.map((i) => i.path)).toEqual([
      'steps[1].retries',
      'steps[1].name',
      'steps[1].action',
      'steps[1].compensation.queue',
      'steps[1].retry.attempts',
      'steps[1].timeoutMs',
    ]);
  });

  it.each([[null], ['charge'], [[]], [7]])('refuses a step that is %p', (value) => {
    expect(readStep(value).issues).toEqual([{ path: 'steps[1]', message: expect.stringMatching(/^must be a step: an object with keys name, action/) }]);
  });

  it('refuses compensation given as something other than a target or null', () => {
    expect(step({ compensation: false }).issues[0]?.path).toBe('steps[1].compensation');
    expect(step({ compensation: {} }).issues[0]?.path).toBe('steps[1].compensation');
  });
});

describe(readRetryPolicy.name, () => {
  const retry = (value: unknown) => {
    const issues = new IssueList();
    const policy = readRetryPolicy(issues, value, 'retry');
    return { policy, issues: issuesOf(() => issues.throwIfAny()) };
  };

  it('reads a full policy', () => {
    expect(retry({ attempts: 3, backoff: { type: 'exponential', delayMs: 200 } }).policy).toEqual({
      attempts: 3,
      backoff: { type: 'exponential', delayMs: 200 },
    });
  });

  it('fills defaults: 1 attempt, fixed backoff with no delay', () => {
    expect(retry({}).policy).toEqual({ attempts: 1, backoff: { type: 'fixed', delayMs: 0 } });
    expect(retry({ attempts: 5 }).policy).toEqual({ attempts: 5, backoff: { type: 'fixed', delayMs: 0 } });
    expect(retry({ backoff: { delayMs: 500 } }).policy).toEqual({ attempts: 1, backoff: { type: 'fixed', delayMs: 500 } });
  });

  it.each([
    [{ attempts: 0 }, 'retry.attempts', /^must be an integer from 1 to 100 \(every try counts, the first included\) \(got 0\)$/],
    [{ attempts: 101 }, 'retry.attempts', /\(got 101\)$/],
    [{ attempts: '3' }, 'retry.attempts', /\(got "3"\)$/],
    [{ backoff: { type: 'linear', delayMs: 1 } }, 'retry.backoff.type', /^must be one of "fixed", "exponential" \(got "linear"\)$/],
    [{ backoff: { type: 'fixed' } }, 'retry.backoff.delayMs', /^is required: an integer from 0 to 3600000 \(milliseconds, up to 1 h\)$/],
    [{ backoff: { delayMs: -1 } }, 'retry.backoff.delayMs', /\(got -1\)$/],
    [{ backoff: { delayMs: 3_600_001 } }, 'retry.backoff.delayMs', /\(got 3600001\)$/],
    [{ backoff: 'exponential' }, 'retry.backoff', /^must be an object \{"type"\?: "fixed" \| "exponential", "delayMs": 200\} \(got "exponential"\)$/],
    [{ backoff: { delayMs: 1, jitter: true } }, 'retry.backoff.jitter', /^is not an allowed key; allowed keys: type, delayMs$/],
    [{ attempt: 3 }, 'retry.attempt', /^is not an allowed key; allowed keys: attempts, backoff$/],
    [3, 'retry', /^must be an object \{"attempts"\?: 3, .*leave it out for a single try \(got 3\)$/],
    [null, 'retry', /\(got null\)$/],
  ])('refuses %j at %s', (value, path, message) => {
    expect(retry(value).issues).toEqual([{ path, message: expect.stringMatching(message) }]);
  });
});
