import { issuesOf } from '../validation/issues-of';
import { parseOperationRequest } from './parse-operation-request';

const paths = (body: unknown) => issuesOf(() => parseOperationRequest(body)).map((i) => i.path);
const base = { action: 'replay', reason: 'bad deploy', selector: { fromPosition: 10 } };

describe(parseOperationRequest.name, () => {
  it('reads API.md’s example with defaults filled', () => {
    const request = parseOperationRequest({
      action: 'replay',
      mode: 'resume',
      reason: 'bad deploy 10:02-10:17',
      selector: { fromPosition: 1200, toPosition: 9800, from: '2026-11-20T10:02:00Z', to: '2026-11-20T10:17:00Z', saga: 'order', status: ['FAILED', 'COMPENSATED'] },
      dryRun: false,
      maxInFlight: 50,
    });
    expect(request).toEqual({
      action: 'replay',
      reason: 'bad deploy 10:02-10:17',
      selector: {
        fromPosition: 1200,
        toPosition: 9800,
        from: new Date('2026-11-20T10:02:00Z'),
        to: new Date('2026-11-20T10:17:00Z'),
        saga: 'order',
        status: ['FAILED', 'COMPENSATED'],
      },
      params: { mode: 'resume', fromStep: null, force: false, patch: null },
      dryRun: false,
      maxInFlight: 50,
      confirm: null,
    });
    expect(parseOperationRequest(base)).toMatchObject({ dryRun: false, maxInFlight: 50, confirm: null });
  });

  it('requires at least one bound; saga or status alone is not one', () => {
    expect(paths({ ...base, selector: { saga: 'order', status: ['FAILED'] } })).toEqual(['selector']);
    expect(paths({ ...base, selector: {} })).toEqual(['selector']);
    expect(paths({ action: 'undo', reason: 'x' })).toEqual(['selector']);
  });

  it('refuses inverted ranges, unknown statuses and fields, and replay fields on other actions', () => {
    expect(paths({ ...base, selector: { fromPosition: 9, toPosition: 3 } })).toEqual(['selector.toPosition']);
    expect(paths({ ...base, selector: { from: '2026-11-20T10:17:00Z', to: '2026-11-20T10:02:00Z' } })).toEqual(['selector.to']);
    expect(paths({ ...base, selector: { fromPosition: 1, status: ['DONE'] } })).toEqual(['selector.status[0]']);
    expect(paths({ ...base, selector: { fromPosition: 1, colour: 'red' } })).toEqual(['selector.colour']);
    expect(paths({ action: 'retract', reason: 'x', selector: { fromPosition: 1 }, force: true, mode: 'resume' }).sort()).toEqual(['force', 'mode']);
    expect(paths({ action: 'undo', reason: 'x', selector: { fromPosition: 1 }, force: true })).toEqual([]);
  });

  it('bounds maxInFlight and reads confirm', () => {
    expect(paths({ ...base, maxInFlight: 0 })).toEqual(['maxInFlight']);
    expect(paths({ ...base, maxInFlight: 1001 })).toEqual(['maxInFlight']);
    expect(parseOperationRequest({ ...base, confirm: 1500 }).confirm).toBe(1500);
    expect(paths({ ...base, confirm: -1, dryRun: 'yes' }).sort()).toEqual(['confirm', 'dryRun']);
  });

  it('passes replay parameters through the replay parser', () => {
    expect(parseOperationRequest({ ...base, mode: 'restart', patch: { qty: 1 }, force: true }).params).toEqual({
      mode: 'restart',
      fromStep: null,
      force: true,
      patch: { qty: 1 },
    });
    expect(paths({ ...base, mode: 'sideways', patch: 3 }).sort()).toEqual(['mode', 'patch']);
  });
});
