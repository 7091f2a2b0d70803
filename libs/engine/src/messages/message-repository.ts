import { Injectable } from '@nestjs/common';
import type { MessageState } from '@retrace/domain';
import { EventStore, type AppendCompanion, type SqlRunner } from '@retrace/event-store';
import type { StepSchedule } from '../scheduling/step-schedule';
import type { StoredMessage } from './stored-message';

interface MessageRow {
  id: string;
  state: MessageState;
  stream_version: number;
  accepted_position: string;
  last_position: string;
  created_at: Date;
  updated_at: Date;
}

export const toStoredMessage = (row: MessageRow): StoredMessage => ({
  id: row.id,
  state: row.state,
  streamVersion: row.stream_version,
  acceptedPosition: Number(row.accepted_position),
  lastPosition: Number(row.last_position),
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

export const MESSAGE_COLUMNS = `id, state, stream_version, accepted_position, last_position, created_at, updated_at`;

/**
 * The `messages` read model. Rows are written in the statement that appends the events they fold,
 * with `now()` — that transaction's clock, the same the events carry — so a rebuild from the log
 * produces the same rows.
 */
@Injectable()
export class MessageRepository {
  constructor(private readonly store: EventStore) {}

  async find(id: string, tx: SqlRunner = this.store.sql): Promise<StoredMessage | null> {
    const rows = await tx.query<MessageRow>(`SELECT ${MESSAGE_COLUMNS} FROM messages WHERE id = $1`, [id]);
    return rows[0] ? toStoredMessage(rows[0]) : null;
  }

  /**
   * The write of `id`'s row that rides in the append of the events it folds (one statement): stream
   * version and last position come from the appended rows, the accepted position too when
   * `acceptedPosition` is null (the message's first append), and its sweeper schedule.
   */
  saveWith(id: string, state: MessageState, acceptedPosition: number | null, schedule: StepSchedule): AppendCompanion {
    const mode = typeof schedule === 'string' ? schedule : 'set';
    const [checkIn, deadlineIn] = typeof schedule === 'string' ? [0, 0] : [schedule.checkInMs, schedule.deadlineInMs];
    return {
      name: 'msg',
      sql: SAVE_MESSAGE_SQL,
      params: [
        id,
        state.saga,
        state.sagaVersion,
        state.messageType,
        state.status,
        state.correlationId,
        state.runId,
        JSON.stringify(state),
        acceptedPosition,
        mode,
        checkIn,
        deadlineIn,
      ],
    };
  }
}

const SAVE_MESSAGE_SQL = `
  INSERT INTO messages (id, saga, saga_version, message_type, status, correlation_id, run_id, state,
                        stream_version, accepted_position, last_position, created_at, updated_at, check_at, deadline_at)
  SELECT $1, $2, $3, $4, $5, $6, $7, $8::jsonb, a.version, coalesce($9::bigint, a.first), a.last, now(), now(),
         CASE WHEN $10::text = 'set' THEN now() + $11::float8 * interval '1 millisecond' END,
         CASE WHEN $10::text = 'set' THEN now() + $12::float8 * interval '1 millisecond' END
  FROM (SELECT max(stream_version) AS version, min(position) AS first, max(position) AS last FROM appended) a
  WHERE a.version IS NOT NULL
  ON CONFLICT (id) DO UPDATE SET status = EXCLUDED.status, run_id = EXCLUDED.run_id, state = EXCLUDED.state,
    stream_version = EXCLUDED.stream_version, last_position = EXCLUDED.last_position, updated_at = now(),
    check_at = CASE WHEN $10::text = 'keep' THEN messages.check_at ELSE EXCLUDED.check_at END,
    deadline_at = CASE WHEN $10::text = 'keep' THEN messages.deadline_at ELSE EXCLUDED.deadline_at END`;
