import type { MessageEvent, MessageState, SagaDefinition, StepDispatched } from '@retrace/domain';
import { stepDeadlineMs } from './step-deadline';

/**
 * What a decision does to a message's sweeper schedule: a new job in flight sets both times (from
 * the appending transaction's clock), nothing in flight clears them, anything else keeps them.
 */
export type StepSchedule = { checkInMs: number; deadlineInMs: number } | 'clear' | 'keep';

export function scheduleAfter(
  state: MessageState,
  events: readonly MessageEvent[],
  saga: SagaDefinition,
  firstCheckMs: number,
): StepSchedule {
  if (state.current === null) return 'clear';
  const dispatched = events.filter((e): e is StepDispatched => e.type === 'StepDispatched').pop();
  if (!dispatched) return 'keep';
  const step = saga.steps.find((s) => s.name === dispatched.data.step);
  if (!step) return 'keep';
  const delay = dispatched.data.delayMs;
  const deadlineInMs = delay + stepDeadlineMs(step);
  // The sweeper must look no later than the deadline, or a short step would time out late.
  return { checkInMs: Math.min(delay + firstCheckMs, deadlineInMs), deadlineInMs };
}
