import { Logger } from '@nestjs/common';
import type { StepReply } from '@retrace/domain';
import { MessageNotFoundError } from '../errors';
import type { MessageWriter } from '../messages/message-writer';
import type { SagaRepository } from '../sagas/saga-repository';
import { ReplyApplier } from './reply-applier';

const reply: StepReply = { type: 'succeeded', jobId: 'm-1~r~a~action', messageId: 'm-1', runId: 'r', step: 'a', kind: 'action', attempt: 1, result: null };

/** Pure unit test of what ReplyApplier answers when the writer fails; the writer is a stand-in. */
describe('ReplyApplier', () => {
  const applierWhoseWriteFailsWith = (error: Error) =>
    new ReplyApplier({ write: () => Promise.reject(error) } as unknown as MessageWriter, {} as SagaRepository);

  beforeAll(() => jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined));
  afterAll(() => jest.restoreAllMocks());

  it('drops a reply for a message that does not exist: null, nothing thrown', async () => {
    await expect(applierWhoseWriteFailsWith(new MessageNotFoundError('m-1')).apply(reply, 'cause')).resolves.toBeNull();
  });

  it('throws any other failure, so the reply is tried again', async () => {
    await expect(applierWhoseWriteFailsWith(new Error('PostgreSQL is away')).apply(reply, 'cause')).rejects.toThrow('PostgreSQL is away');
  });
});
