import { matchesSubscriptionFilter, messageIdOfStream, type SubscriptionFilter } from '@retrace/domain';
import type { EventStore, RecordedEvent } from '@retrace/event-store';

/** Events read from the log per round trip, and how many a single call may pass over. */
const PAGE = 500;
const MAX_SCANNED = 20 * PAGE;

/** What a scan found: up to `limit` matching events and how far it looked (`cursor` ≥ the last event's position). */
export interface MatchingBatch {
  events: RecordedEvent[];
  cursor: number;
}

/**
 * The first `limit` events after `after` that match `filter`, read with the event store's gap-safe
 * readAll (a late commit below the head is waited for, never passed). Types and stream prefix are
 * filtered in SQL; the saga and the exclusion of `subscription-*` streams here, by the domain's
 * matcher. When the scan reaches the head, `cursor` is the head: nothing matching lies up to it.
 */
export async function readMatchingBatch(store: EventStore, filter: SubscriptionFilter, after: number, limit: number): Promise<MatchingBatch> {
  // Read before the pages: every event at or below it that will ever commit is visible to them.
  const head = await store.readHeadPosition();
  const events: RecordedEvent[] = [];
  let cursor = after;
  for (let scanned = 0; scanned < MAX_SCANNED; ) {
    const page = await store.readAll({ after: cursor, limit: PAGE, types: filter.types, streamPrefix: filter.streamPrefix });
    const sagas = filter.saga === undefined ? new Map<string, string>() : await messageSagas(store, page.events);
    for (const event of page.events) {
      const messageId = messageIdOfStream(event.streamId);
      if (!matchesSubscriptionFilter(filter, event, messageId === undefined ? undefined : sagas.get(messageId))) continue;
      events.push(event);
      if (events.length === limit) return { events, cursor: event.position };
    }
    if (page.events.length < PAGE) return { events, cursor: Math.max(page.lastPosition, head) };
    cursor = page.lastPosition;
    scanned += page.events.length;
  }
  return { events, cursor };
}

async function messageSagas(store: EventStore, events: RecordedEvent[]): Promise<Map<string, string>> {
  const ids = [...new Set(events.map((e) => messageIdOfStream(e.streamId)).filter((id) => id !== undefined))];
  if (ids.length === 0) return new Map();
  const rows = await store.sql.query<{ id: string; saga: string }>(`SELECT id, saga FROM messages WHERE id = ANY($1::text[])`, [ids]);
  return new Map(rows.map((r) => [r.id, r.saga]));
}
