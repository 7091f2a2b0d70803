import { evolve, INITIAL_MESSAGE_STATE, type MessageEvent, type MessageState, type SagaDefinition, type StepDispatched } from '@retrace/domain';
import { scheduleAfter } from '../scheduling/step-schedule';
import type { ProjectedEvent } from './projection';

/** A sweeper time as the live path computes it: the appending transaction's clock (the clock of the event at `position`) plus `ms`. */
export interface ScheduledAt {
  position: number;
  /** That event's `created_at` in microseconds (ProjectedEvent.createdUs). */
  us: string;
  ms: number;
}

export interface MessageSchedule {
  check: ScheduledAt;
  deadline: ScheduledAt;
}

/**
 * A `messages` row as the rebuild folds it. Times are kept as the microseconds of the events they
 * come from (plus milliseconds) and turned into timestamps in SQL, because `created_at` has
 * microseconds and a JS Date has not.
 */
export interface MessageRowFold {
  id: string;
  state: MessageState;
  streamVersion: number;
  /** The first event's position; `created_at` is its time (`acceptedUs`). */
  acceptedPosition: number;
  acceptedUs: string;
  /** The last event's position; `updated_at` is its time (`lastUs`). */
  lastPosition: number;
  lastUs: string;
  schedule: MessageSchedule | null;
  /**
   * The append the last event belongs to. The live path decides a schedule once per append, from
   * the whole append's events (MessageWriter → scheduleAfter), so a later event of the same append
   * is judged together with the earlier ones, against the schedule from before the append.
   */
  append: { xid: string; before: MessageSchedule | null; dispatched: { position: number; us: string; event: StepDispatched } | null };
}

export type SagaLookup = (name: string, version: number) => SagaDefinition;

/**
 * Folds a message's next events (oldest first) into its row: the domain's `evolve` for the state,
 * and the live path's own `scheduleAfter` for `check_at` / `deadline_at`. The schedule is judged
 * once per append, at its last event here (the live path judges the whole append at once); a page
 * that ends inside an append judges what it has, and the next page judges the append again from
 * the schedule before it. The row is built once, at the end: this runs for every event a rebuild reads.
 */
export function foldMessageRow(
  previous: MessageRowFold | null,
  id: string,
  events: readonly ProjectedEvent[],
  sagaOf: SagaLookup,
  firstCheckMs: number,
): MessageRowFold {
  if (events.length === 0) {
    if (previous) return previous;
    throw new Error(`foldMessageRow(${id}): no events to fold`);
  }
  const first = events[0];
  let state = previous?.state ?? INITIAL_MESSAGE_STATE;
  let schedule = previous?.schedule ?? null;
  let append = previous?.append ?? { xid: first.xid, before: null, dispatched: null };
  let { lastPosition, lastUs } = previous ?? { lastPosition: first.position, lastUs: first.createdUs };
  for (let i = 0; i < events.length; i++) {
    const recorded = events[i];
    if (recorded.xid !== append.xid) append = { xid: recorded.xid, before: schedule, dispatched: null };
    const event = { type: recorded.type, data: recorded.data } as MessageEvent;
    if (event.type === 'StepDispatched') append = { ...append, dispatched: { position: recorded.position, us: recorded.createdUs, event } };
    state = evolve(state, event);
    if (recorded.position >= lastPosition) {
      lastPosition = recorded.position;
      lastUs = recorded.createdUs;
    }
    const appendEnds = i === events.length - 1 || events[i + 1].xid !== recorded.xid;
    if (appendEnds) schedule = scheduleOf(state, append, sagaOf, firstCheckMs);
  }
  return {
    id,
    state,
    streamVersion: events[events.length - 1].streamVersion,
    acceptedPosition: previous?.acceptedPosition ?? first.position,
    acceptedUs: previous?.acceptedUs ?? first.createdUs,
    lastPosition,
    lastUs,
    schedule,
    append,
  };
}

/** The schedule after an append (so far): set by the step it dispatched, else as it was before the append. */
function scheduleOf(state: MessageState, append: MessageRowFold['append'], sagaOf: SagaLookup, firstCheckMs: number): MessageSchedule | null {
  const { dispatched } = append;
  const plan = scheduleAfter(state, dispatched ? [dispatched.event] : [], sagaOf(state.saga, state.sagaVersion), firstCheckMs);
  if (plan === 'clear') return null;
  if (plan === 'keep' || dispatched === null) return append.before;
  return {
    check: { position: dispatched.position, us: dispatched.us, ms: plan.checkInMs },
    deadline: { position: dispatched.position, us: dispatched.us, ms: plan.deadlineInMs },
  };
}
