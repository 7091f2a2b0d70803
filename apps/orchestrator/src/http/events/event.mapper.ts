import { redactEventData } from '@retrace/domain';
import type { RecordedEvent } from '@retrace/event-store';
import { NO_REDACTION, type PayloadRedaction } from '../redaction/payload-redaction';

const metadataDto = ({ metadata }: RecordedEvent) => ({
  actor: metadata.actor ?? null,
  reason: metadata.reason ?? null,
  runId: metadata.runId ?? null,
  causationId: metadata.causationId ?? null,
  correlationId: metadata.correlationId ?? null,
  ...(metadata.operationId ? { operationId: metadata.operationId } : {}),
  ...(metadata.saga ? { saga: metadata.saga } : {}),
});

/** An event of one message's history (`GET /v1/messages/{id}/events`); `redaction` hides payload paths from viewers. */
export const toStreamEventDto = (e: RecordedEvent, redaction: PayloadRedaction = NO_REDACTION) => ({
  position: e.position,
  version: e.streamVersion,
  type: e.type,
  data: redactEventData(e.type, e.data, redaction.pathsFor(e.metadata.saga)),
  metadata: metadataDto(e),
  createdAt: e.createdAt.toISOString(),
});

/** An event of the whole log (`GET /v1/events`): it also names its stream. */
export const toLogEventDto = (e: RecordedEvent, redaction: PayloadRedaction = NO_REDACTION) => ({ ...toStreamEventDto(e, redaction), streamId: e.streamId });

/** One server-sent event (`GET /v1/events/stream`): `id` is the position a reconnect resumes after. */
export const toSseMessage = (e: RecordedEvent, redaction: PayloadRedaction = NO_REDACTION): string =>
  `id: ${e.position}\nevent: ${e.type}\ndata: ${JSON.stringify(toLogEventDto(e, redaction))}\n\n`;
