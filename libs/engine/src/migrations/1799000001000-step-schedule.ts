import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When the sweeper must next look at a message (`check_at`: is its current job still in the queue?)
 * and when its current step has run out of time (`deadline_at`). Both are null when nothing is in
 * flight. They are operational schedule, derived from the log and the saga definitions.
 */
export class StepSchedule1799000001000 implements MigrationInterface {
  name = 'StepSchedule1799000001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE messages ADD COLUMN check_at timestamptz, ADD COLUMN deadline_at timestamptz`);
    await q.query(`CREATE INDEX messages_check_at_idx ON messages (check_at) WHERE check_at IS NOT NULL`);
    await q.query(`CREATE INDEX outbox_message_idx ON outbox (message_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX outbox_message_idx`);
    await q.query(`DROP INDEX messages_check_at_idx`);
    await q.query(`ALTER TABLE messages DROP COLUMN check_at, DROP COLUMN deadline_at`);
  }
}
