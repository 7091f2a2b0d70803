import { draftFromSearch, toOperationRequest } from './selector-draft';

describe(toOperationRequest.name, () => {
  const draft = draftFromSearch(new URLSearchParams('status=COMPENSATED,FAILED&from=2026-11-20T10:02:00Z&to=2026-11-20T10:17:00Z'));

  it('carries the messages page filters into the selector, sending only what was filled in', () => {
    expect(toOperationRequest({ ...draft, reason: 'bad deploy' })).toEqual({
      action: 'replay',
      reason: 'bad deploy',
      mode: 'resume',
      selector: { status: ['COMPENSATED', 'FAILED'], from: '2026-11-20T10:02:00Z', to: '2026-11-20T10:17:00Z' },
    });
  });

  it('sends positions and max in flight as numbers, force only where the action takes it', () => {
    const request = toOperationRequest({ ...draft, action: 'undo', force: true, saga: 'order', fromPosition: ' 12 ', toPosition: '99', maxInFlight: '5', reason: 'r' });
    expect(request).toMatchObject({ action: 'undo', force: true, maxInFlight: 5, selector: { saga: 'order', fromPosition: 12, toPosition: 99 } });
    expect(request).not.toHaveProperty('mode');
    expect(toOperationRequest({ ...draft, action: 'retract', force: true, reason: 'r' })).not.toHaveProperty('force');
  });
});
