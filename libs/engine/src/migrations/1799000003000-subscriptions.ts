import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Durable subscriptions (consumer groups). `definition`, `start_position`, `committed_position` and
 * `stream_version` are the fold of the `subscription-<name>` stream (rebuildable from the log).
 * The rest is operational and safe to lose: the lease of the batch in flight (`lease_*`, refused to
 * other consumers until `leased_until`), `scanned_position` (no matching event lies in
 * (committed_position, scanned_position]: where the next scan may start), and `generation`, bumped
 * by every change so that each one is a compare-and-set.
 */
export class Subscriptions1799000003000 implements MigrationInterface {
  name = 'Subscriptions1799000003000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE subscriptions (
        name text PRIMARY KEY,
        definition jsonb NOT NULL,
        start_position bigint NOT NULL,
        committed_position bigint NOT NULL,
        stream_version integer NOT NULL,
        scanned_position bigint NOT NULL,
        lease_id text,
        leased_until timestamptz,
        lease_last_position bigint,
        generation bigint NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (scanned_position >= committed_position)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE subscriptions`);
  }
}
