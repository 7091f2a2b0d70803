import { Injectable } from '@nestjs/common';
import { MESSAGE_STREAM_PREFIX, type MessageState } from '@retrace/domain';
import { EventStore, jsonbArrayParam, type AppendCompanion, type SqlRunner } from '@retrace/event-store';
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

  /** The rows of `ids` that exist, in one statement. */
  async findAll(ids: readonly string[], tx: SqlRunner = this.store.sql): Promise<StoredMessage[]> {
    if (ids.length === 0) return [];
    const rows = await tx.query<MessageRow>(`SELECT ${MESSAGE_COLUMNS} FROM messages WHERE id = ANY($1::text[])`, [ids]);
    return rows.map(toStoredMessage);
  }

  /**
   * The writes of `rows` that ride in the append of the events they fold (one statement, see
   * EventStore.appendToStreams): each row's stream version and last position come from its
   * appended events, its accepted position too when `acceptedPosition` is null (the message's first
   * append), and its sweeper schedule. A row whose stream was refused is not written. Rows that
   * keep their schedule and rows that set or clear it are two upserts (two companions, always both,
   * so the statement has one shape): an upsert can only tell them apart by what it inserts.
   */
  saveAllWith(rows: readonly MessageRowWrite[]): AppendCompanion[] {
    const keep = rows.filter((row) => row.schedule === 'keep');
    const change = rows.filter((row) => row.schedule !== 'keep');
    const times = (row: MessageRowWrite) => (typeof row.schedule === 'string' ? null : row.schedule);
    return [
      { name: 'msgs_keep', sql: upsertMessages(false), params: rowColumns(keep) },
      {
        name: 'msgs_set',
        sql: upsertMessages(true),
        params: [...rowColumns(change), change.map((r) => times(r)?.checkInMs ?? null), change.map((r) => times(r)?.deadlineInMs ?? null)],
      },
    ];
  }
}

/** A message's read-model row as a decision leaves it. */
export interface MessageRowWrite {
  id: string;
  state: MessageState;
  /** null on the message's first append: its first event's position. */
  acceptedPosition: number | null;
  schedule: StepSchedule;
}

const rowColumns = (rows: readonly MessageRowWrite[]): unknown[] => [
  rows.map((r) => r.id),
  rows.map((r) => r.state.saga),
  rows.map((r) => r.state.sagaVersion),
  rows.map((r) => r.state.messageType),
  rows.map((r) => r.state.status),
  rows.map((r) => r.state.correlationId),
  rows.map((r) => r.state.runId),
  jsonbArrayParam(rows.map((r) => r.state)),
  rows.map((r) => r.acceptedPosition),
];

/**
 * The upsert of message rows from the `appended` rows of their streams. With `schedule`, $10 and
 * $11 are the sweeper's check and deadline in milliseconds from now (null: none); without, a new
 * row has none and an existing one keeps its own.
 */
const upsertMessages = (schedule: boolean) => `
  INSERT INTO messages (id, saga, saga_version, message_type, status, correlation_id, run_id, state,
                        stream_version, accepted_position, last_position, created_at, updated_at, check_at, deadline_at)
  SELECT m.id, m.saga, m.saga_version, m.message_type, m.status, m.correlation_id, m.run_id, m.state,
         a.version, coalesce(m.accepted, a.first), a.last, now(), now(),
         ${schedule ? `now() + m.check_in * interval '1 millisecond', now() + m.deadline_in * interval '1 millisecond'` : 'NULL, NULL'}
  FROM ROWS FROM (unnest($1::text[]), unnest($2::text[]), unnest($3::int[]), unnest($4::text[]), unnest($5::text[]), unnest($6::text[]),
                  unnest($7::text[]), jsonb_array_elements($8::jsonb), unnest($9::bigint[])
                  ${schedule ? ', unnest($10::float8[]), unnest($11::float8[])' : ''})
         AS m(id, saga, saga_version, message_type, status, correlation_id, run_id, state, accepted${schedule ? ', check_in, deadline_in' : ''})
  JOIN (SELECT stream_id, max(stream_version) AS version, min(position) AS first, max(position) AS last
        FROM appended GROUP BY stream_id) a ON a.stream_id = '${MESSAGE_STREAM_PREFIX}' || m.id
  ON CONFLICT (id) DO UPDATE SET status = EXCLUDED.status, run_id = EXCLUDED.run_id, state = EXCLUDED.state,
    stream_version = EXCLUDED.stream_version, last_position = EXCLUDED.last_position, updated_at = now()
    ${schedule ? ', check_at = EXCLUDED.check_at, deadline_at = EXCLUDED.deadline_at' : ''}`;
