import type { RecordedEvent } from '@retrace/event-store';

const metadataDto = ({ metadata }: RecordedEvent) => ({
  actor: metadata.actor ?? null,
  reason: metadata.reason ?? null,
  runId: metadata.runId ?? null,
  causationId: metadata.causationId ?? null,
  correlationId: metadata.correlationId ?? null,
  ...(metadata.operationId ? { operationId: metadata.operationId } : {}),
  ...(metadata.saga ? { saga: metadata.saga } : {}),
});

/** An event of one message's history (`GET /v1/messages/{id}/events`). */
export const toStreamEventDto = (e: RecordedEvent) => ({
  position: e.position,
  version: e.streamVersion,
  type: e.type,
  data: e.data,
  metadata: metadataDto(e),
  createdAt: e.createdAt.toISOString(),
});

/** An event of the whole log (`GET /v1/events`): it also names its stream. */
export const toLogEventDto = (e: RecordedEvent) => ({ ...toStreamEventDto(e), streamId: e.streamId });

/** One server-sent event (`GET /v1/events/stream`): `id` is the position a reconnect resumes after. */
export const toSseMessage = (e: RecordedEvent): string =>
  `id: ${e.position}\nevent: ${e.type}\ndata: ${JSON.stringify(toLogEventDto(e))}\n\n`;
