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
 * and the live path's own `scheduleAfter` for `check_at` / `deadline_at`.
 */
export function foldMessageRow(
  previous: MessageRowFold | null,
  id: string,
  events: readonly ProjectedEvent[],
  sagaOf: SagaLookup,
  firstCheckMs: number,
): MessageRowFold {
  let row = previous;
  for (const recorded of events) {
    const event = { type: recorded.type, data: recorded.data } as MessageEvent;
    const base: MessageRowFold = row ?? {
      id,
      state: INITIAL_MESSAGE_STATE,
      streamVersion: 0,
      acceptedPosition: recorded.position,
      acceptedUs: recorded.createdUs,
      lastPosition: recorded.position,
      lastUs: recorded.createdUs,
      schedule: null,
      append: { xid: recorded.xid, before: null, dispatched: null },
    };
    const sameAppend = row !== null && base.append.xid === recorded.xid;
    const append = sameAppend ? base.append : { xid: recorded.xid, before: base.schedule, dispatched: null };
    const dispatched = event.type === 'StepDispatched' ? { position: recorded.position, us: recorded.createdUs, event } : append.dispatched;
    const state = evolve(base.state, event);
    const plan = scheduleAfter(state, dispatched ? [dispatched.event] : [], sagaOf(state.saga, state.sagaVersion), firstCheckMs);
    const schedule =
      plan === 'clear'
        ? null
        : plan === 'keep' || dispatched === null
          ? append.before
          : {
              check: { position: dispatched.position, us: dispatched.us, ms: plan.checkInMs },
              deadline: { position: dispatched.position, us: dispatched.us, ms: plan.deadlineInMs },
            };
    row = {
      ...base,
      state,
      streamVersion: recorded.streamVersion,
      lastPosition: Math.max(base.lastPosition, recorded.position),
      lastUs: recorded.position >= base.lastPosition ? recorded.createdUs : base.lastUs,
      schedule,
      append: { ...append, dispatched },
    };
  }
  if (!row) throw new Error(`foldMessageRow(${id}): no events to fold`);
  return row;
}
