import { Injectable } from '@nestjs/common';
import { EventStore, type SqlRunner } from '@retrace/event-store';
import { RebuildAlreadyRunningError } from './rebuild-already-running.error';
import type { RebuildPhase, RebuildRecord, RebuildStatus } from './rebuild-record';
import type { TableChanges } from './shadow-tables';

/** A running rebuild whose heartbeat is older than this died with its process. */
export const ABANDONED_AFTER_MS = 60_000;
const UNIQUE_VIOLATION = '23505';

interface RebuildRow {
  id: string;
  projections: string[];
  reason: string;
  actor: string;
  status: RebuildStatus;
  phase: RebuildPhase;
  head_at_start: string;
  position: string;
  events_applied: string;
  changes: Record<string, TableChanges> | null;
  error: string | null;
  started_at: Date;
  finished_at: Date | null;
}

const toRecord = (r: RebuildRow): RebuildRecord => ({
  id: r.id,
  projections: r.projections,
  reason: r.reason,
  actor: r.actor,
  status: r.status,
  phase: r.phase,
  headAtStart: Number(r.head_at_start),
  position: Number(r.position),
  eventsApplied: Number(r.events_applied),
  changes: r.changes,
  error: r.error,
  startedAt: r.started_at,
  finishedAt: r.finished_at,
});

/** The `projection_rebuilds` progress rows. */
@Injectable()
export class RebuildRepository {
  constructor(private readonly store: EventStore) {}

  async find(id: string): Promise<RebuildRecord | null> {
    const [row] = await this.store.sql.query<RebuildRow>(`SELECT * FROM projection_rebuilds WHERE id = $1`, [id]);
    return row ? toRecord(row) : null;
  }

  /**
   * Records a new running rebuild; first marks one whose process stopped beating as failed.
   * @throws RebuildAlreadyRunningError when another one is alive
   */
  async start(rebuild: Pick<RebuildRecord, 'id' | 'projections' | 'reason' | 'actor' | 'headAtStart'>): Promise<void> {
    try {
      await this.store.transaction(async (tx) => {
        await tx.query(
          `UPDATE projection_rebuilds SET status = 'failed', finished_at = now(),
                  error = 'abandoned: its orchestrator stopped reporting progress (crashed or was killed)'
            WHERE status = 'running' AND heartbeat_at < now() - $1 * interval '1 millisecond'`,
          [ABANDONED_AFTER_MS],
        );
        await tx.query(
          `INSERT INTO projection_rebuilds (id, projections, reason, actor, status, phase, head_at_start)
           VALUES ($1, $2, $3, $4, 'running', 'bulk', $5)`,
          [rebuild.id, rebuild.projections, rebuild.reason, rebuild.actor, rebuild.headAtStart],
        );
      });
    } catch (error) {
      if ((error as { code?: string }).code !== UNIQUE_VIOLATION) throw error;
      const [running] = await this.store.sql.query<{ id: string }>(`SELECT id FROM projection_rebuilds WHERE status = 'running'`);
      throw new RebuildAlreadyRunningError(running?.id ?? 'unknown');
    }
  }

  async progress(id: string, progress: { phase: RebuildPhase; position: number; eventsApplied: number }, tx: SqlRunner = this.store.sql): Promise<void> {
    await tx.query(
      `UPDATE projection_rebuilds SET phase = $2, position = $3, events_applied = $4, heartbeat_at = now() WHERE id = $1`,
      [id, progress.phase, progress.position, progress.eventsApplied],
    );
  }

  async succeed(id: string, changes: Record<string, TableChanges>, tx: SqlRunner): Promise<void> {
    await tx.query(
      `UPDATE projection_rebuilds SET status = 'succeeded', phase = 'done', changes = $2, heartbeat_at = now(), finished_at = now() WHERE id = $1`,
      [id, JSON.stringify(changes)],
    );
  }

  async fail(id: string, error: string): Promise<void> {
    await this.store.sql.query(
      `UPDATE projection_rebuilds SET status = 'failed', error = $2, finished_at = now() WHERE id = $1 AND status = 'running'`,
      [id, error.slice(0, 2000)],
    );
  }
}
