import type { EventStore } from '@retrace/event-store';
import { countMatchingEvents } from './count-matching-events';
import { LAG_COUNT_CAP, type SubscriptionRecord, type SubscriptionView } from './subscription-record';

/** A subscription with the log's head and its lag (matching events not yet acknowledged, counted up to a cap). */
export async function describeSubscription(store: EventStore, record: SubscriptionRecord): Promise<SubscriptionView> {
  const headPosition = await store.readHeadPosition();
  const counted = await countMatchingEvents(store.sql, record.definition.filter, record.committedPosition, headPosition, LAG_COUNT_CAP + 1);
  return { ...record, headPosition, lag: Math.min(counted, LAG_COUNT_CAP), lagCapped: counted > LAG_COUNT_CAP };
}
