import { evolve } from './evolve';
import type { MessageEvent } from './message-events';
import type { MessageState } from './message-state';

/**
 * The events of one decision so far, and the state they lead to. A decision is built from small
 * rules that each look at the state left by the previous ones (a success, then what follows it).
 */
export interface Decision {
  readonly state: MessageState;
  readonly events: readonly MessageEvent[];
}

/** A decision that has emitted nothing yet. */
export function startDecision(state: MessageState): Decision {
  return { state, events: [] };
}

/** Records `events` in the decision and moves its state on. */
export function emit(decision: Decision, ...events: MessageEvent[]): Decision {
  return {
    state: events.reduce(evolve, decision.state),
    events: [...decision.events, ...events],
  };
}
