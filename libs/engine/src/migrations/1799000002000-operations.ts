import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Bulk operations and their items. An item turns `acting` in the same transaction that records the
 * action on its message (whose events carry the operation id), so a restart never acts twice; a
 * lease lets any replica carry an operation on after another stopped.
 */
export class Operations1799000002000 implements MigrationInterface {
  name = 'Operations1799000002000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE operations (
        id text PRIMARY KEY,
        action text NOT NULL,
        params jsonb NOT NULL,
        selector jsonb NOT NULL,
        reason text NOT NULL,
        actor text NOT NULL,
        status text NOT NULL,
        max_in_flight integer NOT NULL,
        total integer NOT NULL,
        succeeded integer NOT NULL DEFAULT 0,
        failed integer NOT NULL DEFAULT 0,
        skipped integer NOT NULL DEFAULT 0,
        lease_owner text,
        lease_until timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz
      )`);
    await q.query(`CREATE INDEX operations_active_idx ON operations (created_at) WHERE status IN ('running', 'cancelling')`);
    await q.query(`
      CREATE TABLE operation_items (
        operation_id text NOT NULL REFERENCES operations (id),
        seq integer NOT NULL,
        message_id text NOT NULL,
        state text NOT NULL DEFAULT 'pending',
        detail text,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (operation_id, seq),
        UNIQUE (operation_id, message_id)
      )`);
    await q.query(`CREATE INDEX operation_items_state_idx ON operation_items (operation_id, state, seq)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE operation_items`);
    await q.query(`DROP TABLE operations`);
  }
}
