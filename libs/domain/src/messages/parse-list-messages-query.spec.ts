import fc from 'fast-check';
import { MESSAGE_STATUSES } from '../message/message-status';
import { issuesOf } from '../validation/issues-of';
import { parseListMessagesQuery } from './parse-list-messages-query';

const issues = (query: Record<string, unknown>) => issuesOf(() => parseListMessagesQuery(query));

describe(parseListMessagesQuery.name, () => {
  it('defaults to the first 50 messages with no filter', () => {
    expect(parseListMessagesQuery({})).toEqual({ limit: 50 });
  });

  it('reads every filter', () => {
    expect(
      parseListMessagesQuery({
        status: 'FAILED, COMPENSATED,FAILED',
        saga: 'order',
        from: '2026-11-20T10:02:00Z',
        to: '2026-11-20T11:17:00+01:00',
        cursor: 'eyJwIjoxMH0',
        limit: '500',
      }),
    ).toEqual({
      status: ['FAILED', 'COMPENSATED'],
      saga: 'order',
      from: new Date('2026-11-20T10:02:00Z'),
      to: new Date('2026-11-20T10:17:00Z'),
      cursor: 'eyJwIjoxMH0',
      limit: 500,
    });
  });

  it('reads the text search q, and bounds its length', () => {
    expect(parseListMessagesQuery({ q: 'order-8%1' })).toEqual({ q: 'order-8%1', limit: 50 });
    expect(parseListMessagesQuery({ q: '' })).toEqual({ limit: 50 });
    expect(issues({ q: 'x'.repeat(201) })).toEqual([
      { path: 'q', message: expect.stringMatching(/^must be text to find in message ids and correlation ids \(at most 200 characters\)/) },
    ]);
  });

  it('treats empty values as absent', () => {
    expect(parseListMessagesQuery({ status: '', saga: '', from: '', to: '', cursor: '', limit: '' })).toEqual({ limit: 50 });
  });

  it('accepts every status', () => {
    expect(parseListMessagesQuery({ status: MESSAGE_STATUSES.join(',') }).status).toEqual([...MESSAGE_STATUSES]);
  });

  it('reports every issue at once, each naming the rule', () => {
    expect(issues({ status: 'FAILED,failed', saga: 'Order', from: 'yesterday', cursor: 'c'.repeat(501), limit: '12abc', page: '2' })).toEqual([
      { path: 'page', message: 'is not an allowed query parameter; allowed query parameters: status, saga, q, from, to, cursor, limit' },
      { path: 'status', message: expect.stringMatching(/^must be one of "PENDING", "PROCESSING", .*"REPLAY_FAILED" \(got "failed"\)$/) },
      { path: 'saga', message: expect.stringMatching(/^must be a string of 1-100 characters: lowercase letters/) },
      { path: 'from', message: expect.stringMatching(/^must be an ISO-8601 timestamp with a time zone, e\.g\. 2026-11-20T10:02:00Z/) },
      { path: 'cursor', message: expect.stringMatching(/^must be the nextCursor of a previous page \(at most 500 characters\) \(got /) },
      { path: 'limit', message: 'must be an integer from 1 to 500 (got "12abc")' },
    ]);
  });

  it('refuses from after to', () => {
    expect(issues({ from: '2026-11-20T10:17:00Z', to: '2026-11-20T10:02:00Z' })).toEqual([
      { path: 'to', message: 'must not be before from (got from 2026-11-20T10:17:00.000Z, to 2026-11-20T10:02:00.000Z)' },
    ]);
    expect(parseListMessagesQuery({ from: '2026-11-20T10:02:00Z', to: '2026-11-20T10:02:00Z' }).limit).toBe(50);
  });

  it.each(['0', '501', '-1', '1.5', 'NaN', 'Infinity', '1e2'])('refuses limit %p', (limit) => {
    expect(issues({ limit })).toEqual([{ path: 'limit', message: `must be an integer from 1 to 500 (got "${limit}")` }]);
  });

  it('refuses repeated parameters and empty list items', () => {
    expect(issues({ limit: ['1', '2'] })[0]?.message).toBe('must be given once, as a single value (got an array of 2 items)');
    expect(issues({ status: 'FAILED,' })[0]?.message).toMatch(/no empty items/);
  });

  it('never fails with anything but InvalidInputError', () => {
    const value = fc.oneof(fc.string(), fc.array(fc.string()), fc.jsonValue());
    const query = fc.record({ status: value, saga: value, from: value, to: value, cursor: value, limit: value }, { requiredKeys: [] });
    fc.assert(
      fc.property(fc.oneof(query, fc.dictionary(fc.string(), value)), (q) => {
        expect(() => issuesOf(() => parseListMessagesQuery(q))).not.toThrow();
      }),
      { numRuns: 500 },
    );
  });
});
