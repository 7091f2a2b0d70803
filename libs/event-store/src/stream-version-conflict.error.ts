import { DomainError } from '@retrace/domain';
import type { ExpectedVersion } from './event-store.types';

/**
 * Someone appended to the stream since its caller read it (optimistic concurrency). Re-read the
 * stream, decide again and retry; never retry blindly with the same events.
 */
export class StreamVersionConflictError extends DomainError {
  readonly code = 'STREAM_VERSION_CONFLICT';

  constructor(
    readonly streamId: string,
    readonly expected: ExpectedVersion,
    readonly actual: number,
  ) {
    super(
      `stream ${streamId} is at version ${actual}, expected ${expected === 0 ? '0 (no stream yet)' : expected}; ` +
        're-read the stream, decide again and retry',
      { streamId, expected, actual },
    );
  }
}
