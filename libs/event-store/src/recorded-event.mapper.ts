import type { EventMetadata, RecordedEvent } from './event-store.types';

/** The columns every read selects, in the shape `toRecordedEvent` maps. */
export const EVENT_COLUMNS = 'position, stream_id, stream_version, type, data, metadata, created_at';

export interface EventRow {
  position: string;
  stream_id: string;
  stream_version: number;
  type: string;
  data: unknown;
  metadata: EventMetadata | null;
  created_at: Date;
}

/** bigint arrives as a string from pg; positions stay far below 2^53. */
export function toRecordedEvent(row: EventRow): RecordedEvent {
  return {
    position: Number(row.position),
    streamId: row.stream_id,
    streamVersion: row.stream_version,
    type: row.type,
    data: row.data,
    metadata: row.metadata ?? {},
    createdAt: row.created_at,
  };
}
