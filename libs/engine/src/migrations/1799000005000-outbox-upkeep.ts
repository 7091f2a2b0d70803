import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The outbox is written like a queue: every row is inserted, then updated once when sent. Its
 * index on message_id was never read by any query, yet every insert and every (non-HOT) update
 * paid for it: dropped. Its unsent index fills with dead entries between vacuums, which every
 * relay poll walks, so autovacuum visits the table after a fixed number of changes rather than
 * after 20 % of a table that only grows.
 */
export class OutboxUpkeep1799000005000 implements MigrationInterface {
  name = 'OutboxUpkeep1799000005000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX outbox_message_idx`);
    await q.query(`ALTER TABLE outbox SET (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 5000)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE outbox RESET (autovacuum_vacuum_scale_factor, autovacuum_vacuum_threshold)`);
    await q.query(`CREATE INDEX outbox_message_idx ON outbox (message_id)`);
  }
}
