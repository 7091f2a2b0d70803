import type { SagaDefinition } from '@retrace/domain';
import type { EventStore } from '@retrace/event-store';
import { UnknownSagaError } from '../errors';
import { SagaChangedError, type MessageWriter, type NewMessage } from '../messages/message-writer';
import type { LatestSaga, SagaRepository } from '../sagas/saga-repository';
import { PublishMessageCommand } from './publish-message.command';
import { PublishMessageHandler } from './publish-message.handler';

const definition = (version: number): SagaDefinition =>
  ({
    name: 'order',
    version,
    steps: [{ name: 'reserve', action: { queue: 'inv.reserve' }, compensation: null, retry: { attempts: 1, backoff: { type: 'fixed', delayMs: 0 } }, timeoutMs: 1000 }],
    onFailure: 'compensate',
  }) as unknown as SagaDefinition;
const latest = (version: number): LatestSaga => ({
  record: { definition: definition(version), body: {}, position: version, registeredAt: new Date(0) },
  guard: { streamId: 'saga-order', version },
});

/** Pure unit test of the publish's saga reads: the repository and writer are stand-ins. */
describe('PublishMessageHandler and the kept saga', () => {
  const publish = new PublishMessageCommand({ saga: 'order', id: 'm-1', payload: {} }, 'svc');

  function setUp(reads: LatestSaga[], refuseGuarded: number) {
    const created: NewMessage[] = [];
    let read = 0;
    const forgotten: string[] = [];
    const sagas = {
      latest: () => Promise.resolve(reads[Math.min(read++, reads.length - 1)]),
      forget: (name: string) => forgotten.push(name),
    } as unknown as SagaRepository;
    const writer = {
      create: (message: NewMessage) => {
        created.push(message);
        if (message.sagaGuard && created.length <= refuseGuarded) return Promise.reject(new SagaChangedError('order'));
        return Promise.resolve({ streamVersion: 2, positions: [10, 11], lastPosition: 11 });
      },
    } as unknown as MessageWriter;
    const sut = new PublishMessageHandler({} as EventStore, sagas, writer);
    return { sut, created, forgotten, reads: () => read };
  }

  it('appends with the saga stream as guard, and pins the kept version when the guard holds', async () => {
    const { sut, created, forgotten } = setUp([latest(1)], 0);

    await expect(sut.execute(publish)).resolves.toMatchObject({ answer: { id: 'm-1', status: 'PENDING', position: 10 }, created: true });

    expect(created.map((c) => [c.state.sagaVersion, c.sagaGuard])).toEqual([[1, { streamId: 'saga-order', version: 1 }]]);
    expect(forgotten).toEqual([]);
  });

  it('forgets the kept saga when the guard refuses, reads it again and pins the new version', async () => {
    const { sut, created, forgotten } = setUp([latest(1), latest(2)], 1);

    await sut.execute(publish);

    expect(created.map((c) => c.state.sagaVersion)).toEqual([1, 2]);
    expect(forgotten).toEqual(['order']);
  });

  it('goes unguarded on the third read rather than failing the publish', async () => {
    const { sut, created, reads } = setUp([latest(1), latest(2), latest(3)], 3);

    await expect(sut.execute(publish)).resolves.toMatchObject({ created: true });

    expect(reads()).toBe(3);
    expect(created.map((c) => [c.state.sagaVersion, c.sagaGuard?.version])).toEqual([
      [1, 1],
      [2, 2],
      [3, undefined],
    ]);
  });

  it('answers 404 for a saga that is not registered', async () => {
    const { sut } = setUp([null as unknown as LatestSaga], 0);
    await expect(sut.execute(publish)).rejects.toBeInstanceOf(UnknownSagaError);
  });
});
