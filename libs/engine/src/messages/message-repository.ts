import { Injectable } from '@nestjs/common';
import type { MessageState } from '@retrace/domain';
import { EventStore, type SqlRunner } from '@retrace/event-store';
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
 * The `messages` read model. Rows are written in the transaction that appends the events they fold,
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

  /** Inserts or updates the row for `id` from the state after an append, and its sweeper schedule. */
  async save(
    tx: SqlRunner,
    id: string,
    state: MessageState,
    streamVersion: number,
    acceptedPosition: number,
    lastPosition: number,
    schedule: StepSchedule,
  ): Promise<void> {
    const mode = typeof schedule === 'string' ? schedule : 'set';
    const [checkIn, deadlineIn] = typeof schedule === 'string' ? [0, 0] : [schedule.checkInMs, schedule.deadlineInMs];
    await tx.query(
      `INSERT INTO messages (id, saga, saga_version, message_type, status, correlation_id, run_id, state,
                             stream_version, accepted_position, last_position, created_at, updated_at, check_at, deadline_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, now(), now(),
               CASE WHEN $12::text = 'set' THEN now() + $13::float8 * interval '1 millisecond' END,
               CASE WHEN $12::text = 'set' THEN now() + $14::float8 * interval '1 millisecond' END)
       ON CONFLICT (id) DO UPDATE SET status = EXCLUDED.status, run_id = EXCLUDED.run_id, state = EXCLUDED.state,
         stream_version = EXCLUDED.stream_version, last_position = EXCLUDED.last_position, updated_at = now(),
         check_at = CASE WHEN $12::text = 'keep' THEN messages.check_at ELSE EXCLUDED.check_at END,
         deadline_at = CASE WHEN $12::text = 'keep' THEN messages.deadline_at ELSE EXCLUDED.deadline_at END`,
      [
        id,
        state.saga,
        state.sagaVersion,
        state.messageType,
        state.status,
        state.correlationId,
        state.runId,
        JSON.stringify(state),
        streamVersion,
        acceptedPosition,
        lastPosition,
        mode,
        checkIn,
        deadlineIn,
      ],
    );
  }
}
