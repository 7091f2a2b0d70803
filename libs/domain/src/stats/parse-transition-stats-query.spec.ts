import { issuesOf } from '../validation/issues-of';
import { parseTransitionStatsQuery } from './parse-transition-stats-query';

const issues = (query: Record<string, unknown>) => issuesOf(() => parseTransitionStatsQuery(query));

describe(parseTransitionStatsQuery.name, () => {
  it('has no filter by default', () => {
    expect(parseTransitionStatsQuery({})).toEqual({});
  });

  it('reads every filter', () => {
    expect(parseTransitionStatsQuery({ saga: 'order', from: '2026-11-20T10:02:00Z', to: '2026-11-20T11:17:00.123+01:00' })).toEqual({
      saga: 'order',
      from: new Date('2026-11-20T10:02:00Z'),
      to: new Date('2026-11-20T10:17:00.123Z'),
    });
  });

  it('treats empty values as absent', () => {
    expect(parseTransitionStatsQuery({ saga: '', from: '', to: '' })).toEqual({});
  });

  it('accepts from = to', () => {
    const at = '2026-11-20T10:02:00.500Z';
    expect(parseTransitionStatsQuery({ from: at, to: at })).toEqual({ from: new Date(at), to: new Date(at) });
  });

  it('names each bad field', () => {
    expect(issues({ saga: 'Order' }).map((i) => i.path)).toEqual(['saga']);
    expect(issues({ from: 'yesterday' }).map((i) => i.path)).toEqual(['from']);
    expect(issues({ to: '2026-11-20T10:02:00' }).map((i) => i.path)).toEqual(['to']);
    expect(issues({ from: ['2026-11-20T10:02:00Z', '2026-11-21T10:02:00Z'] }).map((i) => i.path)).toEqual(['from']);
  });

  it('refuses from after to, at to', () => {
    expect(issues({ from: '2026-11-20T10:02:00.001Z', to: '2026-11-20T10:02:00Z' })).toEqual([
      { path: 'to', message: expect.stringContaining('must not be before from') },
    ]);
  });

  it('refuses unknown parameters, reporting every issue at once', () => {
    const found = issues({ sag: 'order', from: 'nope', status: 'FAILED' });
    expect(found.map((i) => i.path).sort()).toEqual(['from', 'sag', 'status']);
  });
});
