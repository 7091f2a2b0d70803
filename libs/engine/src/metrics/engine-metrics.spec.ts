import type { QueueBackend } from '../queue-backend/queue-backend';
import { INITIAL_MESSAGE_STATE, type MessageEvent, type MessageState } from '@retrace/domain';
import type { EventStore } from '@retrace/event-store';
import type { StepQueues } from '../dispatch/step-queues';
import type { StoredMessage } from '../messages/stored-message';
import { EngineMetrics } from './engine-metrics';

const STARTED_AT = new Date('2026-11-20T10:00:00.000Z');

function stored(state: Partial<MessageState>): StoredMessage {
  const full: MessageState = { ...INITIAL_MESSAGE_STATE, status: 'PROCESSING', saga: 'order', sagaVersion: 1, runId: 'r1', ...state };
  return { id: 'm-1', state: full, streamVersion: 3, acceptedPosition: 1, lastPosition: 3, createdAt: STARTED_AT, updatedAt: STARTED_AT };
}

const running = (step: string, kind: 'action' | 'compensation' = 'action') => ({ step, kind, attempt: 1 });

describe(EngineMetrics.name, () => {
  let sut: EngineMetrics;

  beforeEach(() => {
    sut = new EngineMetrics({} as EventStore, {} as StepQueues, {} as QueueBackend);
  });

  /** A sample by its full name (`…_sum`, `…_count` for the histogram) and some of its labels. */
  const value = async (name: string, labels: Record<string, string>) => {
    const metric = sut.registry.getSingleMetric(name.replace(/_(sum|count)$/, ''))!;
    const { values } = await metric.get();
    return values.find((v) => ((v as { metricName?: string }).metricName ?? name) === name && Object.entries(labels).every(([k, l]) => v.labels[k] === l))?.value;
  };

  it('times an outcome from the previous append of its message, and counts a retry', async () => {
    const retried: MessageEvent[] = [{ type: 'StepAttemptFailed', data: { runId: 'r1', step: 'charge', kind: 'action', attempt: 1, error: { message: 'x' } } }];
    sut.recordWrite(stored({ current: running('charge') }), retried, STARTED_AT.getTime() + 1500);
    const succeeded: MessageEvent[] = [{ type: 'StepSucceeded', data: { runId: 'r1', step: 'charge', kind: 'action', attempt: 2, result: null, status: 'PROCESSING' } }];
    sut.recordWrite(stored({ current: running('charge') }), succeeded, STARTED_AT.getTime() + 250);

    expect(await value('retrace_step_retries_total', { saga: 'order', step: 'charge', kind: 'action' })).toBe(1);
    expect(await value('retrace_step_duration_seconds_sum', { step: 'charge', outcome: 'retried' })).toBe(1.5);
    expect(await value('retrace_step_duration_seconds_sum', { step: 'charge', outcome: 'succeeded' })).toBe(0.25);
  });

  it('does not time an outcome for a job the message no longer waits on', async () => {
    const late: MessageEvent[] = [{ type: 'StepFailed', data: { runId: 'r0', step: 'charge', kind: 'action', attempt: 1, error: { message: 'x' }, status: 'FAILED' } }];
    sut.recordWrite(stored({ current: running('charge') }), late, STARTED_AT.getTime() + 10);
    expect(await value('retrace_step_duration_seconds_count', { step: 'charge' })).toBeUndefined();
  });

  it('counts a compensation run when its message settles, started in the same write or before', async () => {
    sut.recordWrite(stored({ current: running('reserve', 'compensation'), compensationTrigger: 'failure', status: 'COMPENSATING' }), [
      { type: 'StepSucceeded', data: { runId: 'r1', step: 'reserve', kind: 'compensation', attempt: 1, result: null, status: 'COMPENSATING' } },
      { type: 'MessageSettled', data: { runId: 'r1', status: 'COMPENSATED', reason: null } },
    ]);
    sut.recordWrite(stored({}), [
      { type: 'CompensationStarted', data: { runId: 'r1', trigger: 'cancel', steps: [], status: 'COMPENSATING' } },
      { type: 'MessageSettled', data: { runId: 'r1', status: 'FAILED', reason: null } },
    ]);
    sut.recordWrite(stored({}), [{ type: 'MessageSettled', data: { runId: 'r1', status: 'COMPLETED', reason: null } }]);

    expect(await value('retrace_compensations_total', { saga: 'order', outcome: 'compensated' })).toBe(1);
    expect(await value('retrace_compensations_total', { saga: 'order', outcome: 'failed' })).toBe(1);
    expect(await value('retrace_compensations_total', { outcome: 'completed' })).toBeUndefined();
  });
});
