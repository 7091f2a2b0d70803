import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The event log. Unqualified names: the connection's search_path picks the schema.
 * - `events_position_seq` is a plain sequence (CACHE 1) because readers compare its `last_value`
 *   with in-flight appenders to find the gap-safe head (see append-gate.sql.ts).
 * - `streams` holds each stream's version: an append is one statement that bumps it (row lock =
 *   per-stream serialisation, also for 'any') and inserts the events.
 * - `events_created_at_idx` (created_at, position) lets readSince find the window's first position with
 *   an index-only scan; readAll and readStream use the primary and unique keys.
 */
export class CreateEventLog1767225600000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE SEQUENCE events_position_seq AS bigint START 1 CACHE 1`);
    await queryRunner.query(`
      CREATE TABLE events (
        position bigint NOT NULL DEFAULT nextval('events_position_seq'),
        stream_id text NOT NULL,
        stream_version integer NOT NULL,
        type text NOT NULL,
        data jsonb NOT NULL,
        metadata jsonb NOT NULL DEFAULT '{}'::jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        transaction_id xid8 NOT NULL DEFAULT pg_current_xact_id(),
        CONSTRAINT events_pkey PRIMARY KEY (position),
        CONSTRAINT events_stream_version_key UNIQUE (stream_id, stream_version),
        CONSTRAINT events_stream_version_check CHECK (stream_version > 0)
      )`);
    await queryRunner.query(`ALTER SEQUENCE events_position_seq OWNED BY events.position`);
    await queryRunner.query(`CREATE INDEX events_created_at_idx ON events (created_at, position)`);
    await queryRunner.query(`
      CREATE TABLE streams (
        stream_id text NOT NULL,
        version integer NOT NULL,
        CONSTRAINT streams_pkey PRIMARY KEY (stream_id),
        CONSTRAINT streams_version_check CHECK (version > 0)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE IF EXISTS streams`);
    await queryRunner.query(`DROP TABLE IF EXISTS events`);
  }
}
