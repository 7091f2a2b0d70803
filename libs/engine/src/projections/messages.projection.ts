import { MESSAGE_STREAM_PREFIX, type MessageState, type SagaDefinition } from '@retrace/domain';
import type { SqlRunner } from '@retrace/event-store';
import { SAGA_REGISTERED } from '../sagas/saga-record';
import { foldMessageRow, type MessageRowFold } from './fold-message-row';
import { shadowTable, type ProjectedEvent, type Projection, type ProjectionOptions } from './projection';

const SHADOW = shadowTable('messages');

interface ShadowRow {
  id: string;
  state: MessageState;
  stream_version: number;
  accepted_position: string;
  last_position: string;
  rebuild_fold: Pick<MessageRowFold, 'schedule' | 'append' | 'acceptedUs' | 'lastUs'>;
}

const fromShadow = (row: ShadowRow): MessageRowFold => ({
  id: row.id,
  state: row.state,
  streamVersion: row.stream_version,
  acceptedPosition: Number(row.accepted_position),
  lastPosition: Number(row.last_position),
  ...row.rebuild_fold,
});

const toRecord = (row: MessageRowFold) => ({
  id: row.id,
  saga: row.state.saga,
  saga_version: row.state.sagaVersion,
  message_type: row.state.messageType,
  status: row.state.status,
  correlation_id: row.state.correlationId,
  run_id: row.state.runId,
  state: row.state,
  stream_version: row.streamVersion,
  accepted_position: row.acceptedPosition,
  last_position: row.lastPosition,
  accepted_us: row.acceptedUs,
  last_us: row.lastUs,
  check_us: row.schedule?.check.us ?? null,
  check_ms: row.schedule?.check.ms ?? null,
  deadline_us: row.schedule?.deadline.us ?? null,
  deadline_ms: row.schedule?.deadline.ms ?? null,
  rebuild_fold: { schedule: row.schedule, append: row.append, acceptedUs: row.acceptedUs, lastUs: row.lastUs },
});

// Times as MessageRepository.save computes them: the appending transaction's clock, plus float8 ms.
// An event's clock is rebuilt exactly from its microseconds (interval arithmetic is in whole µs).
const AT_US = (column: string) => `(timestamptz 'epoch' + r.${column} * interval '1 microsecond')`;
const UPSERT = `
  INSERT INTO ${SHADOW} (id, saga, saga_version, message_type, status, correlation_id, run_id, state, stream_version,
                         accepted_position, last_position, created_at, updated_at, check_at, deadline_at, rebuild_fold)
  SELECT r.id, r.saga, r.saga_version, r.message_type, r.status, r.correlation_id, r.run_id, r.state, r.stream_version,
         r.accepted_position, r.last_position,
         ${AT_US('accepted_us')},
         ${AT_US('last_us')},
         ${AT_US('check_us')} + r.check_ms * interval '1 millisecond',
         ${AT_US('deadline_us')} + r.deadline_ms * interval '1 millisecond',
         r.rebuild_fold
    FROM jsonb_to_recordset($1::jsonb) AS r(id text, saga text, saga_version integer, message_type text, status text,
         correlation_id text, run_id text, state jsonb, stream_version integer, accepted_position bigint, last_position bigint,
         accepted_us bigint, last_us bigint, check_us bigint, check_ms float8, deadline_us bigint, deadline_ms float8, rebuild_fold jsonb)
  ON CONFLICT (id) DO UPDATE SET status = EXCLUDED.status, run_id = EXCLUDED.run_id, state = EXCLUDED.state,
    stream_version = EXCLUDED.stream_version, last_position = EXCLUDED.last_position, updated_at = EXCLUDED.updated_at,
    check_at = EXCLUDED.check_at, deadline_at = EXCLUDED.deadline_at, rebuild_fold = EXCLUDED.rebuild_fold`;

/**
 * `messages`: the fold of each `message-<id>` stream with the domain's `evolve`, where it stands
 * (stream version, first and last positions and times) and its sweeper schedule, as
 * MessageRepository.save writes them. Saga definitions (for the schedule) come from the
 * SagaRegistered events the same pass reads first.
 *
 * A stream's row before a page is read from the shadow only when it is needed: not for a stream
 * whose page starts at version 1, nor for one the previous page folded (those rows are carried;
 * most messages of a busy log straddle at most one page boundary). The carried rows are trusted
 * only for a page after the one they came from, so a page applied again (its transaction rolled
 * back, see ProjectionApplier) reads the shadow instead.
 */
export const messagesProjection: Projection = {
  name: 'messages',
  tables: [{ name: 'messages', key: ['id'], helperColumns: 'rebuild_fold jsonb' }],
  begin: ({ firstCheckMs }: ProjectionOptions) => {
    const sagas = new Map<string, SagaDefinition>();
    const sagaOf = (name: string, version: number): SagaDefinition => {
      const saga = sagas.get(`${name}@${version}`);
      if (!saga) throw new Error(`rebuild: saga ${name}@${version} is not registered before a message that uses it`);
      return saga;
    };
    let carried = { through: 0, rows: new Map<string, MessageRowFold>() };
    return {
      async apply(tx: SqlRunner, events: readonly ProjectedEvent[]): Promise<void> {
        const streams = new Map<string, ProjectedEvent[]>();
        for (const event of events) {
          if (event.type === SAGA_REGISTERED && event.streamId.startsWith('saga-')) {
            const { definition } = event.data as { definition: SagaDefinition };
            sagas.set(`${definition.name}@${definition.version}`, definition);
          } else if (event.streamId.startsWith(MESSAGE_STREAM_PREFIX)) {
            const id = event.streamId.slice(MESSAGE_STREAM_PREFIX.length);
            const stream = streams.get(id);
            if (stream) stream.push(event);
            else streams.set(id, [event]);
          }
        }
        if (streams.size === 0) return;
        // A stream's versions follow its positions; sorting by version states the order the fold needs.
        for (const stream of streams.values()) stream.sort((a, b) => a.streamVersion - b.streamVersion);
        const trusted = events[0].position > carried.through ? carried.rows : new Map<string, MessageRowFold>();
        const previous = await readPrevious(tx, streams, trusted);
        const folded = new Map<string, MessageRowFold>();
        for (const [id, stream] of streams) folded.set(id, foldMessageRow(previous.get(id) ?? null, id, stream, sagaOf, firstCheckMs));
        await tx.query(UPSERT, [JSON.stringify(Array.from(folded.values(), toRecord))]);
        carried = { through: events[events.length - 1].position, rows: folded };
      },
    };
  },
};

/** Each stream's row before this page: carried from the previous page, else from the shadow (none for a stream that starts here). */
async function readPrevious(tx: SqlRunner, streams: Map<string, ProjectedEvent[]>, carried: Map<string, MessageRowFold>): Promise<Map<string, MessageRowFold>> {
  const previous = new Map<string, MessageRowFold>();
  const unread: string[] = [];
  for (const [id, stream] of streams) {
    const row = carried.get(id);
    if (row) previous.set(id, row);
    else if (stream[0].streamVersion > 1) unread.push(id);
  }
  if (unread.length === 0) return previous;
  const rows = await tx.query<ShadowRow>(
    `SELECT id, state, stream_version, accepted_position, last_position, rebuild_fold FROM ${SHADOW} WHERE id = ANY($1::text[])`,
    [unread],
  );
  for (const row of rows) previous.set(row.id, fromShadow(row));
  return previous;
}
