import fc from 'fast-check';
import { issuesOf } from '../validation/issues-of';
import { MESSAGE_ID_PATTERN, parsePublishRequest } from './parse-publish-request';

const paths = (body: unknown) => issuesOf(() => parsePublishRequest(body)).map((i) => i.path);
const messageAt = (body: unknown, path: string) => issuesOf(() => parsePublishRequest(body)).find((i) => i.path === path)?.message;

describe(parsePublishRequest.name, () => {
  it('fills the defaults of a minimal request', () => {
    expect(parsePublishRequest({ saga: 'order' })).toEqual({
      saga: 'order',
      id: null,
      type: 'command',
      payload: {},
      delayMs: 0,
      correlationId: null,
    });
  });

  it('keeps everything given', () => {
    const body = { saga: 'order', id: 'o-1.a_B', type: 'event', payload: { n: [1, { x: null }] }, delayMs: 2_592_000_000, correlationId: 'c' };
    expect(parsePublishRequest(body)).toEqual(body);
  });

  it('takes null as absent for id and correlationId', () => {
    expect(parsePublishRequest({ saga: 'order', id: null, correlationId: null })).toMatchObject({ id: null, correlationId: null });
  });

  it('reports every issue at once, with paths, in key order', () => {
    expect(paths({ saga: 'Order', id: 'a:b', type: 'query', payload: [], delayMs: -1, correlationId: '', priority: 1 })).toEqual([
      'priority',
      'saga',
      'id',
      'type',
      'payload',
      'delayMs',
      'correlationId',
    ]);
  });

  it('names the allowed keys for an unknown one', () => {
    expect(messageAt({ saga: 'order', sagaVersion: 2 }, 'sagaVersion')).toBe(
      'is not an allowed key; allowed keys: saga, id, type, payload, delayMs, correlationId',
    );
  });

  it('requires saga', () => {
    expect(messageAt({}, 'saga')).toMatch(/^is required: a string of 1-100 characters: lowercase letters/);
    expect(messageAt({ saga: 'a:b' }, 'saga')).toMatch(/\(got "a:b"\)$/);
  });

  it.each(['1', 'A', 'order-1.2_x', 'a'.repeat(128)])('accepts id %p', (id) => {
    expect(parsePublishRequest({ saga: 'order', id }).id).toBe(id);
    expect(MESSAGE_ID_PATTERN.test(id)).toBe(true);
  });

  it.each(['', 'a:b', 'a~b', '-a', '.a', 'a b', 'ü', 'a'.repeat(129), 12])('refuses id %p, saying why : and ~ are out', (id) => {
    expect(messageAt({ saga: 'order', id }, 'id')).toMatch(/no ':' or '~', because the id becomes part of queue job ids \(got /);
  });

  it.each(['Command', 'query', 1, null])('refuses type %p', (type) => {
    expect(messageAt({ saga: 'order', type }, 'type')).toMatch(/^must be one of "command", "event" \(got /);
  });

  it.each([[null], [[]], ['{}'], [1]])('refuses payload %p', (payload) => {
    expect(messageAt({ saga: 'order', payload }, 'payload')).toMatch(/^must be a JSON object \(not an array or null\); leave it out for \{\} \(got /);
  });

  it('refuses a payload nested deeper than 64 levels, without overflowing the stack', () => {
    const nest = (depth: number): unknown => {
      let value: unknown = {};
      for (let i = 1; i < depth; i++) value = { a: value };
      return value;
    };
    expect(paths({ saga: 'order', payload: nest(64) })).toEqual([]);
    expect(messageAt({ saga: 'order', payload: nest(65) }, 'payload')).toBe('must be nested at most 64 levels deep');
    expect(paths({ saga: 'order', payload: nest(200_000) })).toEqual(['payload']);
  });

  it.each([
    [-1, '-1'],
    [2_592_000_001, '2592000001'],
    [1.5, '1.5'],
    ['100', '"100"'],
    [null, 'null'],
  ])('refuses delayMs %p', (delayMs, got) => {
    expect(messageAt({ saga: 'order', delayMs }, 'delayMs')).toBe(
      `must be an integer from 0 to 2592000000 (milliseconds, up to 30 days) (got ${got})`,
    );
  });

  it.each(['', 'c'.repeat(201), 5])('refuses correlationId %p', (correlationId) => {
    expect(messageAt({ saga: 'order', correlationId }, 'correlationId')).toMatch(/^must be a string of 1-200 characters \(got /);
  });

  it('accepts any characters in a correlationId, up to 200', () => {
    expect(parsePublishRequest({ saga: 'order', correlationId: '相关-🚀:~' }).correlationId).toBe('相关-🚀:~');
  });

  it.each([[null], [[]], ['{"saga":"order"}'], [undefined]])('refuses a body that is %p', (body) => {
    expect(paths(body)).toEqual(['']);
  });

  it('never fails with anything but InvalidInputError', () => {
    const body = fc.record(
      {
        saga: fc.oneof(fc.constant('order'), fc.string(), fc.jsonValue()),
        id: fc.oneof(fc.string(), fc.jsonValue()),
        type: fc.oneof(fc.constantFrom('command', 'event'), fc.jsonValue()),
        payload: fc.jsonValue(),
        delayMs: fc.oneof(fc.integer(), fc.double(), fc.string()),
        correlationId: fc.oneof(fc.string(), fc.jsonValue()),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.oneof(body, fc.anything()), (value) => {
        expect(() => issuesOf(() => parsePublishRequest(value))).not.toThrow();
      }),
      { numRuns: 1000 },
    );
  });
});
