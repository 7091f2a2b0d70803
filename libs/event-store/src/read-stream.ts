import type { RecordedEvent } from './event-store.types';
import { EVENT_COLUMNS, type EventRow, toRecordedEvent } from './recorded-event.mapper';
import { type PreparedStatement, type SqlRunner, runStatement } from './sql-runner';

const READ_STREAM: PreparedStatement = {
  name: 'retrace_read_stream',
  text: `SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = $1 AND stream_version >= $2 ORDER BY stream_version`,
};

/**
 * The stream's events from `fromVersion` (default 1), oldest first. Stream versions have no holes,
 * so a stream read needs no gate: what is committed is complete up to its last version.
 */
export async function readStream(sql: SqlRunner, streamId: string, fromVersion = 1): Promise<RecordedEvent[]> {
  if (!Number.isInteger(fromVersion) || fromVersion < 1) {
    throw new RangeError(`readStream(${streamId}): fromVersion must be an integer >= 1, got ${String(fromVersion)}`);
  }
  const rows = await runStatement<EventRow>(sql, READ_STREAM, [streamId, fromVersion]);
  return rows.map(toRecordedEvent);
}
