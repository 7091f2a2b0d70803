import { redactPaths } from '@retrace/domain';
import type { StoredMessage } from '@retrace/engine';
import { NO_REDACTION, type PayloadRedaction } from '../redaction/payload-redaction';

/** The message view of API.md: a whitelist of the read model; `redaction` hides payload paths from viewers. */
export const toMessageDto = ({ id, state, createdAt, updatedAt }: StoredMessage, redaction: PayloadRedaction = NO_REDACTION) => ({
  id,
  saga: state.saga,
  sagaVersion: state.sagaVersion,
  type: state.messageType,
  status: state.status,
  payload: redactPaths(state.payload, redaction.pathsFor(state.saga)) as typeof state.payload,
  correlationId: state.correlationId,
  runId: state.runId,
  createdAt: createdAt.toISOString(),
  updatedAt: updatedAt.toISOString(),
  steps: state.steps.map((s) => ({
    name: s.name,
    status: s.status,
    attempts: s.attempts,
    result: s.result ?? null,
    error: s.error,
  })),
});
