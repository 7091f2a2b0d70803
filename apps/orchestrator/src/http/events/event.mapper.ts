import type { RecordedEvent } from '@retrace/event-store';

const metadataDto = ({ metadata }: RecordedEvent) => ({
  actor: metadata.actor ?? null,
  reason: metadata.reason ?? null,
  runId: metadata.runId ?? null,
  causationId: metadata.causationId ?? null,
  correlationId: metadata.correlationId ?? null,
  ...(metadata.operationId ? { operationId: metadata.operationId } : {}),
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
