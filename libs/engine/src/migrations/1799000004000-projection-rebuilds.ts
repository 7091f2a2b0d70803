import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Progress of read-model rebuilds (not a projection: an operator's record of one). At most one runs
 * at a time, because they build into the same shadow tables; a row whose heartbeat stopped is
 * treated as abandoned by the next rebuild.
 */
export class ProjectionRebuilds1799000004000 implements MigrationInterface {
  name = 'ProjectionRebuilds1799000004000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE projection_rebuilds (
        id text PRIMARY KEY,
        projections text[] NOT NULL,
        reason text NOT NULL,
        actor text NOT NULL,
        status text NOT NULL,
        phase text NOT NULL,
        head_at_start bigint NOT NULL,
        position bigint NOT NULL DEFAULT 0,
        events_applied bigint NOT NULL DEFAULT 0,
        changes jsonb,
        error text,
        started_at timestamptz NOT NULL DEFAULT now(),
        heartbeat_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz
      )`);
    await q.query(`CREATE UNIQUE INDEX projection_rebuilds_one_running_idx ON projection_rebuilds ((true)) WHERE status = 'running'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE projection_rebuilds`);
  }
}
