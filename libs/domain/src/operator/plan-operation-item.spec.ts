import { foldMessage } from '../message/fold-message';
import type { MessageEvent } from '../message/message-events';
import { planOperationItem } from './plan-operation-item';

const steps = [
  { name: 'a', compensable: true },
  { name: 'b', compensable: true },
  { name: 'c', compensable: false },
];
const accepted: MessageEvent = {
  type: 'MessageAccepted',
  data: { saga: 's', sagaVersion: 1, messageType: 'command', payload: {}, correlationId: null, delayMs: 0, runId: 'r1', steps, onFailure: 'compensate', status: 'PENDING' },
};
const ok = (step: string): MessageEvent[] => [
  { type: 'StepDispatched', data: { runId: 'r1', step, kind: 'action', delayMs: 0 } },
  { type: 'StepSucceeded', data: { runId: 'r1', step, kind: 'action', attempt: 1, result: { step }, status: 'PROCESSING' } },
];
const completed = foldMessage([
  accepted,
  ...ok('a'),
  ...ok('b'),
  ...ok('c'),
  { type: 'MessageSettled', data: { runId: 'r1', status: 'COMPLETED', reason: null } },
]);
const params = { mode: 'resume' as const, fromStep: null, force: false, patch: null };

describe(planOperationItem.name, () => {
  it('plans an undo as the compensations in reverse, and names irreversible steps it must skip', () => {
    expect(planOperationItem(completed, 'undo', { ...params, force: true })).toEqual({
      acts: true,
      run: [],
      reuse: [],
      compensate: ['b', 'a'],
      skipCompensation: ['c'],
      withdraw: null,
    });
  });

  it('fails an undo over an irreversible step without force, and skips a retract of a finished message', () => {
    expect(planOperationItem(completed, 'undo', params)).toMatchObject({ acts: false, outcome: 'failed', code: 'IRREVERSIBLE_STEPS' });
    expect(planOperationItem(completed, 'retract', params)).toMatchObject({ acts: false, outcome: 'skipped', code: 'ILLEGAL_TRANSITION' });
  });

  it('plans a forced replay of every step, and a retract of a pending message as its first job', () => {
    expect(planOperationItem(completed, 'replay', { ...params, mode: 'restart', force: true })).toMatchObject({ acts: true, run: ['a', 'b', 'c'], reuse: [] });
    const pending = foldMessage([accepted, { type: 'StepDispatched', data: { runId: 'r1', step: 'a', kind: 'action', delayMs: 0 } }]);
    expect(planOperationItem(pending, 'retract', params)).toMatchObject({ acts: true, withdraw: 'a' });
  });
});
