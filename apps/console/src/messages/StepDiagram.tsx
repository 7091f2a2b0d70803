import type { Message, MessageEvent } from '../api/api-types';

interface StepNode {
  name: string;
  /** How its action ended in this run: succeeded, failed, running, reused or not run. */
  action: string;
  attempts: number;
  /** Compensated in this run, by the events (a compensation that ran, skipped or failed). */
  compensation: 'done' | 'failed' | 'skipped' | 'running' | null;
}

/** Each step of the current run with what happened to its compensation, read from the events. */
function nodesOf(message: Message, events: MessageEvent[]): StepNode[] {
  const inRun = events.filter((e) => e.data.runId === message.runId);
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

const COMPENSATION_TEXT = { done: 'compensated', failed: 'compensation failed', skipped: 'compensation skipped', running: 'compensating' } as const;

/**
 * The steps as a flow, left to right: what ran (and how it ended), and underneath, what was
 * compensated, in the reverse order it happened.
 */
export function StepDiagram({ message, events }: { message: Message; events: MessageEvent[] }) {
  const nodes = nodesOf(message, events);
  return (
    <div className="diagram" aria-label="steps">
      {nodes.map((n, i) => (
        <div className="step-col" key={n.name}>
          <div className={`step step-${n.action.replace(' ', '-')}`} title={`${n.name}: ${n.action}, ${n.attempts} attempt(s)`}>
            <strong>{n.name}</strong>
            <span>{n.action}</span>
            {n.attempts > 1 && <span className="muted">{n.attempts} attempts</span>}
          </div>
          {i < nodes.length - 1 && <span className="arrow">→</span>}
          {n.compensation && <div className={`comp comp-${n.compensation}`}>↩ {COMPENSATION_TEXT[n.compensation]}</div>}
        </div>
      ))}
    </div>
  );
}
