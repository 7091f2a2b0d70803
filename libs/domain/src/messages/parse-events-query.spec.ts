import fc from 'fast-check';
import { issuesOf } from '../validation/issues-of';
import { parseEventsQuery, parseEventsStreamQuery } from './parse-events-query';

const issues = (query: Record<string, unknown>) => issuesOf(() => parseEventsQuery(query));

describe(parseEventsQuery.name, () => {
  it('reads from the start of the log, 100 at a time, by default', () => {
    expect(parseEventsQuery({})).toEqual({ after: 0, limit: 100, types: undefined, saga: undefined });
  });

  it('reads after a position', () => {
    expect(parseEventsQuery({ after: '1200', limit: '1000' })).toMatchObject({ after: 1200, limit: 1000 });
    expect(parseEventsQuery({ after: '9007199254740991' }).after).toBe(Number.MAX_SAFE_INTEGER);
  });

  it('reads since a time', () => {
    const q = parseEventsQuery({ since: '2026-11-20T10:02:00Z' });
    expect(q).toEqual({ since: new Date('2026-11-20T10:02:00Z'), limit: 100, types: undefined, saga: undefined });
    expect(q.after).toBeUndefined();
  });

  it('reads types and saga', () => {
    expect(parseEventsQuery({ types: 'StepFailed, MessageAccepted,StepFailed', saga: 'order' })).toMatchObject({
      types: ['StepFailed', 'MessageAccepted'],
      saga: 'order',
    });
  });

  it('refuses after and since together', () => {
    expect(issues({ after: '5', since: '2026-11-20T10:02:00Z' })).toEqual([
      { path: 'since', message: 'cannot be combined with after; give after=<position> or since=<ISO time>, not both' },
    ]);
  });

  it.each(['-1', '12abc', '1.5', '9007199254740992', 'abc'])('refuses after %p', (after) => {
    expect(issues({ after })).toEqual([
      { path: 'after', message: `must be an integer from 0 to 9007199254740991 (a log position; 0 reads from the start) (got "${after}")` },
    ]);
  });

  it.each(['0', '1001', 'ten'])('refuses limit %p', (limit) => {
    expect(issues({ limit })).toEqual([{ path: 'limit', message: `must be an integer from 1 to 1000 (got "${limit}")` }]);
  });

  it.each(['Step-Failed', '1Step', 'step_failed', 'Ünicode', 'A'.repeat(65)])('refuses type %p', (type) => {
    expect(issues({ types: `StepFailed,${type}` })).toEqual([
      { path: 'types', message: expect.stringMatching(/^must be event type names of 1-64 letters or digits, starting with a letter \(e\.g\. StepFailed\) \(got /) },
    ]);
  });

  it('refuses more than 50 types, a bad saga and unknown parameters all at once', () => {
    const types = Array.from({ length: 51 }, (_, i) => `T${i}`).join(',');
    expect(issues({ types, saga: 'Order', position: '1', since: 'now' }).map((i) => i.path)).toEqual(['position', 'since', 'types', 'saga']);
  });

  it('never fails with anything but InvalidInputError', () => {
    const value = fc.oneof(fc.string(), fc.array(fc.string()), fc.jsonValue(), fc.integer().map(String));
    const query = fc.record({ after: value, since: value, limit: value, types: value, saga: value }, { requiredKeys: [] });
    fc.assert(
      fc.property(fc.oneof(query, fc.dictionary(fc.string(), value)), (q) => {
        expect(() => issuesOf(() => parseEventsQuery(q))).not.toThrow();
      }),
      { numRuns: 500 },
    );
  });
});

describe(parseEventsStreamQuery.name, () => {
  const streamIssues = (query: Record<string, unknown>, lastEventId?: unknown) =>
    issuesOf(() => parseEventsStreamQuery(query, lastEventId));

  it('starts after a position, since a time, or from the start, with the same filters', () => {
    expect(parseEventsStreamQuery({}, undefined)).toEqual({ after: 0, types: undefined, saga: undefined });
    expect(parseEventsStreamQuery({ after: '7', types: 'StepFailed', saga: 'order' }, undefined)).toEqual({
      after: 7,
      types: ['StepFailed'],
      saga: 'order',
    });
    expect(parseEventsStreamQuery({ since: '2026-11-20T10:02:00Z' }, '')).toMatchObject({ since: new Date('2026-11-20T10:02:00Z') });
  });

  it('resumes after Last-Event-ID, which wins over after and since', () => {
    expect(parseEventsStreamQuery({ after: '7', saga: 'order' }, '42')).toEqual({ after: 42, types: undefined, saga: 'order' });
    expect(parseEventsStreamQuery({ since: '2026-11-20T10:02:00Z' }, '42')).toMatchObject({ after: 42 });
  });

  it('refuses a bad Last-Event-ID, a limit and bad filters, naming each', () => {
    expect(streamIssues({ limit: '10', saga: 'Order' }, 'abc').map((i) => i.path)).toEqual(['limit', 'Last-Event-ID', 'saga']);
    expect(streamIssues({}, ['1', '2']).map((i) => i.path)).toEqual(['Last-Event-ID']);
    expect(streamIssues({}, '-1')).toEqual([
      { path: 'Last-Event-ID', message: 'must be an integer from 0 to 9007199254740991 (the position of the last event received) (got "-1")' },
    ]);
  });
});
