import fc from 'fast-check';
import { InvalidInputError } from '../validation/invalid-input.error';
import { issuesOf } from '../validation/issues-of';
import { parseSagaDefinition, sagaBodyEquals } from './parse-saga-definition';

/** The example of API.md, "Sagas". */
const orderBody = {
  version: 2,
  description: 'place an order',
  steps: [
    {
      name: 'reserve',
      action: { queue: 'inventory.reserve' },
      compensation: { queue: 'inventory.release' },
      retry: { attempts: 3, backoff: { type: 'exponential', delayMs: 200 } },
      timeoutMs: 30000,
    },
    {
      name: 'charge',
      action: { http: { url: 'http://127.0.0.1:7001/charge' } },
      compensation: { http: { url: 'http://127.0.0.1:7001/refund' } },
    },
    { name: 'email', action: { queue: 'notify.email' }, compensation: null },
  ],
};
const minimal = (fields: Record<string, unknown> = {}) => ({ version: 1, steps: [{ name: 'a', action: { queue: 'q' } }], ...fields });

describe(parseSagaDefinition.name, () => {
  it('normalises the documented example, filling every default', () => {
    expect(parseSagaDefinition('order', orderBody)).toEqual({
      name: 'order',
      version: 2,
      description: 'place an order',
      onFailure: 'compensate',
      steps: [
        {
          name: 'reserve',
          action: { queue: 'inventory.reserve' },
          compensation: { queue: 'inventory.release' },
          retry: { attempts: 3, backoff: { type: 'exponential', delayMs: 200 } },
          timeoutMs: 30000,
        },
        {
          name: 'charge',
          action: { http: { url: 'http://127.0.0.1:7001/charge' } },
          compensation: { http: { url: 'http://127.0.0.1:7001/refund' } },
          retry: { attempts: 1, backoff: { type: 'fixed', delayMs: 0 } },
          timeoutMs: 30000,
        },
        {
          name: 'email',
          action: { queue: 'notify.email' },
          compensation: null,
          retry: { attempts: 1, backoff: { type: 'fixed', delayMs: 0 } },
          timeoutMs: 30000,
        },
      ],
    });
  });

  it('leaves description out when not given, and keeps onFailure pause', () => {
    const saga = parseSagaDefinition('order', minimal({ onFailure: 'pause' }));
    expect(saga).not.toHaveProperty('description');
    expect(saga.onFailure).toBe('pause');
    expect(parseSagaDefinition('order', minimal({ description: '' })).description).toBe('');
  });

  it('reports every issue at once, each with its path, and summarises them', () => {
    const body = {
      version: 0,
      onFailure: 'retry',
      steps: [
        { name: 'reserve', action: { queue: 'inventory:reserve' } },
        { name: 'charge', action: { queue: 'billing' }, retry: { attempts: 0 } },
        { name: 'reserve', action: { http: { url: 'ftp://x' } } },
      ],
      extra: true,
    };
    let error: unknown;
    try {
      parseSagaDefinition('Order', body);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidInputError);
    const { issues } = (error as InvalidInputError).details;
    expect(issues.map((i) => i.path)).toEqual([
      'name',
      'extra',
      'version',
      'onFailure',
      'steps[0].action.queue',
      'steps[1].retry.attempts',
      'steps[2].action.http.url',
      'steps[2].name',
    ]);
    expect(issues[1]?.message).toBe('is not an allowed key; allowed keys: version, description, onFailure, steps, redact');
    expect(issues[3]?.message).toBe('must be one of "compensate", "pause" (got "retry")');
    expect(issues[7]?.message).toBe('repeats the name of steps[0] ("reserve"); step names must be unique within a saga');
    expect((error as InvalidInputError).message).toMatch(/^name must be .*; extra is not an allowed key.*; version must be an integer from 1 to 2147483647 \(got 0\) \(and 5 more issues, see details.issues\)$/);
  });

  it.each([
    [{ version: 2147483647 }, []],
    [{ version: 2147483648 }, ['version']],
    [{ version: 1.5 }, ['version']],
    [{ version: '2' }, ['version']],
    [{ version: undefined }, ['version']],
    [{ description: 'd'.repeat(2000) }, []],
    [{ description: 'd'.repeat(2001) }, ['description']],
    [{ description: null }, ['description']],
    [{ steps: [] }, ['steps']],
    [{ steps: undefined }, ['steps']],
    [{ steps: { a: { name: 'a' } } }, ['steps']],
    [{ steps: Array.from({ length: 100 }, (_, i) => ({ name: `s${i}`, action: { queue: 'q' } })) }, []],
    [{ steps: Array.from({ length: 101 }, (_, i) => ({ name: `s${i}`, action: { queue: 'q' } })) }, ['steps']],
    [{ name: 'order' }, ['name']],
  ])('checks %j', (fields, paths) => {
    expect(issuesOf(() => parseSagaDefinition('order', minimal(fields))).map((i) => i.path)).toEqual(paths);
  });

  it('names the rule and the value in each message', () => {
    const messages = issuesOf(() => parseSagaDefinition('order', minimal({ version: 0, steps: [] }))).map((i) => i.message);
    expect(messages).toEqual(['must be an integer from 1 to 2147483647 (got 0)', 'must be an array of 1 to 100 steps (got an array of 0 items)']);
  });

  it.each([[null], [[]], ['{"version": 1}'], [42], [undefined]])('refuses a body that is %p', (body) => {
    expect(issuesOf(() => parseSagaDefinition('order', body))).toEqual([
      { path: '', message: expect.stringMatching(/^(must be |is required: )an object with keys version, steps and optionally description, onFailure/) },
    ]);
  });

  it('reports a duplicate name even when that step has other problems', () => {
    const body = minimal({ steps: [{ name: 'a', action: { queue: 'q' } }, { name: 'a' }, { name: 'a', timeoutMs: 1 }] });
    const issues = issuesOf(() => parseSagaDefinition('order', body));
    expect(issues.map((i) => i.path)).toEqual(['steps[1].action', 'steps[2].action', 'steps[2].timeoutMs', 'steps[1].name', 'steps[2].name']);
    expect(issues[4]?.message).toBe('repeats the name of steps[0] ("a"); step names must be unique within a saga');
  });

  it('does not walk the items of a huge steps array', () => {
    const body = minimal({ steps: Array.from({ length: 100_000 }, () => 'x') });
    expect(issuesOf(() => parseSagaDefinition('order', body))).toHaveLength(1);
  });

  it('caps the issues of a body with thousands of unknown keys', () => {
    const body = { ...minimal(), ...Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`k${i}`, i])) };
    expect(issuesOf(() => parseSagaDefinition('order', body))).toHaveLength(100);
  });

  it('never fails with anything but InvalidInputError, whatever the input', () => {
    fc.assert(
      fc.property(fc.anything(), fc.anything(), (name, body) => {
        expect(() => issuesOf(() => parseSagaDefinition(name, body))).not.toThrow();
      }),
      { numRuns: 500 },
    );
  });

  it('never fails with anything but InvalidInputError on near-valid bodies', () => {
    const target = fc.oneof(
      fc.record({ queue: fc.oneof(fc.string(), fc.constant('q')) }),
      fc.record({ http: fc.record({ url: fc.oneof(fc.webUrl(), fc.string()), method: fc.string(), headers: fc.dictionary(fc.string(), fc.jsonValue()) }, { requiredKeys: ['url'] }) }),
      fc.jsonValue(),
    );
    const step = fc.record(
      {
        name: fc.oneof(fc.string(), fc.constant('a'), fc.integer()),
        action: target,
        compensation: fc.oneof(target, fc.constant(null)),
        retry: fc.record({ attempts: fc.oneof(fc.integer(), fc.double()), backoff: fc.record({ type: fc.string(), delayMs: fc.jsonValue() }) }, { requiredKeys: [] }),
        timeoutMs: fc.oneof(fc.integer(), fc.string()),
      },
      { requiredKeys: [] },
    );
    const body = fc.record({ version: fc.oneof(fc.integer(), fc.jsonValue()), steps: fc.array(step, { maxLength: 4 }), onFailure: fc.string() }, { requiredKeys: [] });
    fc.assert(
      fc.property(body, (value) => {
        expect(() => issuesOf(() => parseSagaDefinition('order', value))).not.toThrow();
      }),
      { numRuns: 500 },
    );
  });

  it('accepts every valid unicode-free name and rejects unicode ones without throwing otherwise', () => {
    expect(issuesOf(() => parseSagaDefinition('коммерция', minimal()))[0]?.path).toBe('name');
    expect(issuesOf(() => parseSagaDefinition('order', minimal({ steps: [{ name: '🚀', action: { queue: '🚀' } }] }))).map((i) => i.path)).toEqual([
      'steps[0].name',
      'steps[0].action.queue',
    ]);
  });
});

describe(sagaBodyEquals.name, () => {
  it('compares bodies as JSON values: key order ignored, description included', () => {
    const reordered = { steps: orderBody.steps, description: 'place an order', version: 2 };
    expect(sagaBodyEquals(orderBody, reordered)).toBe(true);
    expect(sagaBodyEquals(orderBody, { ...orderBody, description: 'place an order!' })).toBe(false);
  });

  it('compares bodies as sent, not as normalised', () => {
    expect(sagaBodyEquals(minimal(), minimal({ onFailure: 'compensate' }))).toBe(false);
  });
});
