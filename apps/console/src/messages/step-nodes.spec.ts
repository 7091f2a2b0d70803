import type { Message, MessageEvent } from '../api/api-types';
import { nodesOf } from './step-nodes';

const event = (position: number, type: string, data: Record<string, unknown>): MessageEvent => ({
  position,
  version: position,
  type,
  data: { runId: 'r1', ...data },
  metadata: { actor: 'worker', reason: null, runId: 'r1', causationId: null },
  createdAt: '2026-11-22T00:00:00.000Z',
});

describe(nodesOf.name, () => {
  it('keeps a finished step finished when a late started reply is ignored after its outcome', () => {
    const message = { runId: 'r1', steps: [{ name: 'reserve', attempts: 1 }] } as unknown as Message;
    const events = [
      event(1, 'StepDispatched', { step: 'reserve', kind: 'action' }),
      event(2, 'StepStarted', { step: 'reserve', kind: 'action', attempt: 1 }),
      event(3, 'StepSucceeded', { step: 'reserve', kind: 'action', attempt: 1 }),
      event(4, 'ReplyIgnored', { step: 'reserve', kind: 'action', attempt: 1, outcome: 'started', why: 'attempt 1 was already started' }),
    ];
    expect(nodesOf(message, events)).toEqual([{ name: 'reserve', action: 'succeeded', attempts: 1, compensation: null }]);
  });
});
