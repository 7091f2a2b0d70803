import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Read models (projections of the log) and the dispatch outbox. Every row here can be rebuilt from
 * the `events` table alone; the outbox holds jobs decided in the same transaction as their events.
 */
export class ReadModels1799000000000 implements MigrationInterface {
  name = 'ReadModels1799000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE sagas (
        name text NOT NULL,
        version integer NOT NULL,
        definition jsonb NOT NULL,
        body jsonb NOT NULL,
        position bigint NOT NULL,
        registered_at timestamptz NOT NULL,
        PRIMARY KEY (name, version)
      )`);
    await q.query(`
      CREATE TABLE messages (
        id text PRIMARY KEY,
        saga text NOT NULL,
        saga_version integer NOT NULL,
        message_type text NOT NULL,
        status text NOT NULL,
        correlation_id text,
        run_id text NOT NULL,
        state jsonb NOT NULL,
        stream_version integer NOT NULL,
        accepted_position bigint NOT NULL,
        last_position bigint NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX messages_accepted_position_idx ON messages (accepted_position)`);
    await q.query(`CREATE INDEX messages_status_idx ON messages (status, accepted_position)`);
    await q.query(`CREATE INDEX messages_saga_idx ON messages (saga, accepted_position)`);
    await q.query(`CREATE INDEX messages_created_at_idx ON messages (created_at)`);
    await q.query(`CREATE INDEX messages_correlation_idx ON messages (correlation_id) WHERE correlation_id IS NOT NULL`);
    await q.query(`
      CREATE TABLE outbox (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        job_id text NOT NULL UNIQUE,
        queue text NOT NULL,
        message_id text NOT NULL,
        data jsonb NOT NULL,
        options jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz
      )`);
    await q.query(`CREATE INDEX outbox_unsent_idx ON outbox (id) WHERE sent_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE outbox`);
    await q.query(`DROP TABLE messages`);
    await q.query(`DROP TABLE sagas`);
  }
}
