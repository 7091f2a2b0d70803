import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `ReadFilter.saga`: message events carry their saga in `metadata.saga` from now on, and
 * `events_saga_idx` walks one saga's events in position order.
 *
 * Events written before carry no such key; they are backfilled here from their stream's first
 * event (`MessageAccepted`, whose `data.saga` names the saga for the message's whole life), so the
 * filter is complete for the old log too. The update touches only message events without the key
 * (re-running it changes nothing). On a large log it rewrites those rows once: run it in a quiet
 * window. The index is partial: operation and saga-definition events take no room in it.
 */
export class EventsSagaIndex1767225700000 implements MigrationInterface {
  name = 'EventsSagaIndex1767225700000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      UPDATE events e
      SET metadata = e.metadata || jsonb_build_object('saga', accepted.data->>'saga')
      FROM events accepted
      WHERE starts_with(e.stream_id, 'message-')
        AND NOT e.metadata ? 'saga'
        AND accepted.stream_id = e.stream_id
        AND accepted.stream_version = 1
        AND accepted.type = 'MessageAccepted'
        AND jsonb_typeof(accepted.data->'saga') = 'string'`);
    await q.query(`
      CREATE INDEX events_saga_idx ON events (((metadata->>'saga')), position)
      WHERE (metadata->>'saga') IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS events_saga_idx`);
  }
}
