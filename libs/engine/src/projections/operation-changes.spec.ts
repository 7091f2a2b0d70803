import { operationChange, operationChanges } from './operation-changes';
import { countSettled, settleActingItem } from './operation-settlement';
import type { ProjectedEvent } from './projection';

let position = 0;
const event = (streamId: string, type: string, data: unknown, metadata: Record<string, unknown> = {}): ProjectedEvent => ({
  position: ++position,
  streamId,
  streamVersion: 1,
  type,
  data,
  metadata,
  createdAt: new Date(0),
  createdUs: '0',
  xid: '1',
});

describe(operationChange.name, () => {
  it('creates the operation from OperationCreated, with reason and actor from its metadata', () => {
    const e = event('operation-op1', 'OperationCreated', { action: 'undo', params: { force: false }, selector: { saga: 's' }, maxInFlight: 5, total: 2 }, { actor: 'ops', reason: 'why' });
    expect(operationChange(e)).toEqual({
      kind: 'created',
      id: 'op1',
      action: 'undo',
      params: { force: false },
      selector: { saga: 's' },
      reason: 'why',
      actor: 'ops',
      maxInFlight: 5,
      total: 2,
      position: e.position,
    });
  });

  it('numbers selected items across chunks as the live insert does (1-based, 1000 per chunk)', () => {
    const change = operationChange(event('operation-op1', 'OperationItemsSelected', { chunk: 1, messageIds: ['a', 'b'] }));
    expect(change).toMatchObject({ kind: 'itemsSelected', items: [{ seq: 1001, messageId: 'a' }, { seq: 1002, messageId: 'b' }] });
  });

  it('turns an item acting on a message event that names the operation, and ignores message events that do not', () => {
    expect(operationChange(event('message-m1', 'ReplayStarted', {}, { operationId: 'op1' }))).toMatchObject({ kind: 'itemActing', id: 'op1', messageId: 'm1' });
    expect(operationChange(event('message-m1', 'StepSucceeded', {}, { actor: 'worker' }))).toBeNull();
    expect(operationChange(event('saga-s', 'SagaRegistered', {}))).toBeNull();
  });

  it('settles items with their counts, and finishes with the counts the event carries', () => {
    const items = [
      { seq: 1, state: 'succeeded' as const, detail: null },
      { seq: 2, state: 'skipped' as const, detail: 'message m2 is PENDING' },
    ];
    expect(operationChange(event('operation-op1', 'OperationItemsSettled', { items }))).toMatchObject({
      kind: 'itemsSettled',
      items,
      counts: { succeeded: 1, failed: 0, skipped: 1 },
    });
    expect(operationChange(event('operation-op1', 'OperationFinished', { status: 'completed', succeeded: 1, failed: 0, skipped: 1 }))).toMatchObject({
      kind: 'finished',
      status: 'completed',
      succeeded: 1,
      skipped: 1,
    });
  });

  it('keeps one acting change per item when an action appended several events', () => {
    const meta = { operationId: 'op1' };
    const changes = operationChanges([
      event('message-m1', 'UndoRequested', {}, meta),
      event('message-m1', 'StepDispatched', {}, meta),
      event('message-m2', 'UndoRequested', {}, meta),
    ]);
    expect(changes.map((c) => c.kind === 'itemActing' && c.messageId)).toEqual(['m1', 'm2']);
  });
});

describe(settleActingItem.name, () => {
  it('succeeds when the message reached the action goal, else fails naming the status', () => {
    expect(settleActingItem('replay', 'COMPLETED')).toEqual({ state: 'succeeded', detail: null });
    expect(settleActingItem('undo', 'REVOKE_FAILED')).toEqual({ state: 'failed', detail: 'ended REVOKE_FAILED' });
    expect(settleActingItem('retract', 'RETRACTED')).toEqual({ state: 'succeeded', detail: null });
  });

  it('counts settled items by state', () => {
    expect(countSettled([{ seq: 1, state: 'failed', detail: 'x' }, { seq: 2, state: 'failed', detail: 'y' }])).toEqual({ succeeded: 0, failed: 2, skipped: 0 });
  });
});
