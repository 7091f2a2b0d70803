import type { Message, MessageEvent } from '../api/api-types';

export interface StepNode {
  name: string;
  /** How its action ended in this run: succeeded, failed, running, reused or not run. */
  action: string;
  attempts: number;
  /** Compensated in this run, by the events (a compensation that ran, skipped or failed). */
  compensation: 'done' | 'failed' | 'skipped' | 'running' | null;
}

/** Each step of the current run with what happened to its compensation, read from the events. */
export function nodesOf(message: Message, events: MessageEvent[]): StepNode[] {
  // A ReplyIgnored (a late or duplicate reply) names a step but changes nothing: a `started` that
  // lost the race to its own outcome must not show a finished step as running.
  const inRun = events.filter((e) => e.data.runId === message.runId && e.type !== 'ReplyIgnored');
  const compensationOf = (step: string): StepNode['compensation'] => {
    const own = inRun.filter((e) => e.data.step === step && (e.data.kind === 'compensation' || e.type === 'CompensationSkipped'));
    const last = own[own.length - 1];
    if (!last) return null;
    if (last.type === 'CompensationSkipped') return 'skipped';
    if (last.type === 'StepSucceeded') return 'done';
    if (last.type === 'StepFailed') return 'failed';
    return 'running';
  };
  const actionOf = (step: string, reused: boolean): string => {
    const own = inRun.filter((e) => e.data.step === step && e.data.kind === 'action');
    const last = own[own.length - 1];
    if (!last) return reused ? 'reused' : 'not run';
    if (last.type === 'StepSucceeded') return 'succeeded';
    if (last.type === 'StepFailed') return 'failed';
    return 'running';
  };
  const reused = new Set(inRun.filter((e) => e.type === 'ReplayStarted').flatMap((e) => (e.data.reused as string[] | undefined) ?? []));
  return message.steps.map((s) => ({ name: s.name, action: actionOf(s.name, reused.has(s.name)), attempts: s.attempts, compensation: compensationOf(s.name) }));
}
