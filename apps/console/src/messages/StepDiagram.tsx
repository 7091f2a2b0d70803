import type { Message, MessageEvent } from '../api/api-types';
import { nodesOf } from './step-nodes';

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
