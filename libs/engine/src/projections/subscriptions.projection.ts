import { evolveSubscription, SUBSCRIPTION_STREAM_PREFIX, type SubscriptionState } from '@retrace/domain';
import type { SqlRunner } from '@retrace/event-store';
import { shadowTable, type ProjectedEvent, type Projection } from './projection';

const SHADOW = shadowTable('subscriptions');

interface ShadowRow {
  name: string;
  definition: SubscriptionState['definition'];
  start_position: string;
  committed_position: string;
}

/**
 * `subscriptions`: the checkpoint each `subscription-<name>` stream folds to (the domain's
 * `evolveSubscription`): definition, start and committed positions, stream version, and
 * `created_at` (the SubscriptionDefined transaction's clock). The scan hint, the lease, the
 * compare-and-set generation and `updated_at` are the consumers' bookkeeping: kept as they are, and
 * on a row the rebuild corrects the hint restarts at the checkpoint and the generation moves on, so
 * that a change prepared against the old row is refused and read again.
 */
export const subscriptionsProjection: Projection = {
  name: 'subscriptions',
  tables: [
    {
      name: 'subscriptions',
      key: ['name'],
      keep: ['scanned_position', 'lease_id', 'leased_until', 'lease_last_position', 'generation', 'updated_at'],
      onCorrect: { scanned_position: 's.committed_position', generation: 'l.generation + 1' },
    },
  ],
  begin: () => ({
    async apply(tx: SqlRunner, events: readonly ProjectedEvent[]): Promise<void> {
      const streams = new Map<string, ProjectedEvent[]>();
      for (const event of events) {
        if (!event.streamId.startsWith(SUBSCRIPTION_STREAM_PREFIX)) continue;
        const name = event.streamId.slice(SUBSCRIPTION_STREAM_PREFIX.length);
        streams.set(name, [...(streams.get(name) ?? []), event]);
      }
      if (streams.size === 0) return;
      const rows = await tx.query<ShadowRow>(
        `SELECT name, definition, start_position, committed_position FROM ${SHADOW} WHERE name = ANY($1::text[])`,
        [[...streams.keys()]],
      );
      const previous = new Map(
        rows.map((r) => [r.name, { definition: r.definition, startPosition: Number(r.start_position), committedPosition: Number(r.committed_position) }]),
      );
      const records = [];
      for (const [name, stream] of streams) {
        stream.sort((a, b) => a.streamVersion - b.streamVersion);
        const state = stream.reduce<SubscriptionState | null>((s, e) => evolveSubscription(s, e), previous.get(name) ?? null);
        if (!state) continue; // a stream without its definition: nothing the live path would have written
        const last = stream[stream.length - 1];
        records.push({
          name,
          definition: state.definition,
          start_position: state.startPosition,
          committed_position: state.committedPosition,
          stream_version: last.streamVersion,
          first_position: stream[0].position,
          last_position: last.position,
        });
      }
      if (records.length === 0) return;
      await tx.query(
        `INSERT INTO ${SHADOW} (name, definition, start_position, committed_position, scanned_position, stream_version, created_at, updated_at)
         SELECT r.name, r.definition, r.start_position, r.committed_position, r.committed_position, r.stream_version,
                (SELECT created_at FROM events WHERE position = r.first_position), (SELECT created_at FROM events WHERE position = r.last_position)
           FROM jsonb_to_recordset($1::jsonb) AS r(name text, definition jsonb, start_position bigint, committed_position bigint,
                stream_version integer, first_position bigint, last_position bigint)
         ON CONFLICT (name) DO UPDATE SET definition = EXCLUDED.definition, start_position = EXCLUDED.start_position,
           committed_position = EXCLUDED.committed_position, scanned_position = EXCLUDED.scanned_position,
           stream_version = EXCLUDED.stream_version, updated_at = EXCLUDED.updated_at`,
        [JSON.stringify(records)],
      );
    },
  }),
};
