import { DomainError } from '@retrace/domain';
import { StreamVersionConflictError } from './stream-version-conflict.error';

describe(StreamVersionConflictError.name, () => {
  it('names the stream, the expected and the actual version, and the way out', () => {
    const sut = new StreamVersionConflictError('message-7f', 3, 5);

    expect(sut).toBeInstanceOf(DomainError);
    expect(sut).toMatchObject({ code: 'STREAM_VERSION_CONFLICT', streamId: 'message-7f', expected: 3, actual: 5, name: 'StreamVersionConflictError' });
    expect(sut.message).toBe('stream message-7f is at version 5, expected 3; re-read the stream, decide again and retry');
  });

  it('says what expected version 0 means', () => {
    expect(new StreamVersionConflictError('s', 0, 2).message).toContain('expected 0 (no stream yet)');
  });
});
