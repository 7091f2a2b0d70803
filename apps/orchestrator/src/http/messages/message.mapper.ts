import type { StoredMessage } from '@retrace/engine';

/** The message view of API.md: a whitelist of the read model. */
export const toMessageDto = ({ id, state, createdAt, updatedAt }: StoredMessage) => ({
  id,
  saga: state.saga,
  sagaVersion: state.sagaVersion,
  type: state.messageType,
  status: state.status,
  payload: state.payload,
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
