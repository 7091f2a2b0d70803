import { decide, foldMessage, INITIAL_MESSAGE_STATE, type MessageCommand, type MessageEvent, type SagaDefinition } from '@retrace/domain';
import { createTestEventStore, type TestEventStore } from '@retrace/testing';
import { ENGINE_MIGRATIONS } from '../migrations';
import { SAGA_REGISTERED } from '../sagas/saga-record';
import { messagesProjection } from './messages.projection';
import type { ProjectedEvent } from './projection';
import { createShadowTables } from './shadow-tables';

const SAGA: SagaDefinition = {
  name: 'order',
  version: 1,
  onFailure: 'compensate',
  steps: [{ name: 'reserve', action: { queue: 'reserve.do' }, compensation: null, retry: { attempts: 1, backoff: { type: 'fixed', delayMs: 100 } }, timeoutMs: 1_000 }],
};
const RUN = 'run-1';
const COMMANDS: MessageCommand[] = [
  {
    type: 'AcceptMessage',
    saga: 'order',
    sagaVersion: 1,
    messageType: 'command',
    payload: { n: 1 },
    correlationId: null,
    delayMs: 0,
    runId: RUN,
    steps: [{ name: 'reserve', compensable: false }],
    onFailure: 'compensate',
  },
  { type: 'RecordStepStarted', runId: RUN, step: 'reserve', kind: 'action', attempt: 1 },
  { type: 'RecordStepOutcome', runId: RUN, step: 'reserve', kind: 'action', attempt: 1, outcome: { ok: true, result: { reserved: true } } },
];

/** The saga's registration, then message m1's events, one append per command. */
function log(): ProjectedEvent[] {
  const at = (position: number, xid: string) => ({ position, metadata: {}, createdAt: new Date(0), createdUs: String(1_000_000 * position), xid });
  const events: ProjectedEvent[] = [{ type: SAGA_REGISTERED, data: { definition: SAGA }, streamId: 'saga-order', streamVersion: 1, ...at(1, 'tx-0') }];
  const decided: MessageEvent[] = [];
  COMMANDS.forEach((command, i) => {
    for (const event of decide(foldMessage(decided), command)) {
      decided.push(event);
      events.push({ ...event, streamId: 'message-m1', streamVersion: decided.length, ...at(events.length + 1, `tx-${i + 1}`) });
    }
  });
  return events;
}

describe('messages projection', () => {
  let db: TestEventStore;
  const shadowRow = async () =>
    (await db.eventStore.sql.query<{ stream_version: number; state: unknown; status: string }>(`SELECT stream_version, state, status FROM messages_rebuild WHERE id = 'm1'`))[0];

  beforeAll(async () => {
    db = await createTestEventStore('messages_projection', { migrations: ENGINE_MIGRATIONS });
  });

  afterAll(() => db.drop());

  beforeEach(() => createShadowTables(db.eventStore.sql, messagesProjection.tables));

  it('folds a message across pages into the state the domain folds', async () => {
    const events = log();
    const sut = messagesProjection.begin({ firstCheckMs: 15_000 });
    for (const page of [events.slice(0, 3), events.slice(3)]) await db.eventStore.transaction((tx) => sut.apply(tx, page));

    const expected = foldMessage(events.filter((e) => e.streamId === 'message-m1') as unknown as MessageEvent[]);
    expect(await shadowRow()).toEqual({ stream_version: events.length - 1, state: JSON.parse(JSON.stringify(expected)), status: 'COMPLETED' });
    expect(expected).not.toEqual(INITIAL_MESSAGE_STATE);
  });

  it('gives the row a clean rebuild gives when a page whose transaction rolled back is applied again', async () => {
    const events = log();
    const clean = messagesProjection.begin({ firstCheckMs: 15_000 });
    for (const page of [events.slice(0, 2), events.slice(2)]) await db.eventStore.transaction((tx) => clean.apply(tx, page));
    const expected = await shadowRow();
    await createShadowTables(db.eventStore.sql, messagesProjection.tables);

    const sut = messagesProjection.begin({ firstCheckMs: 15_000 });
    await db.eventStore.transaction((tx) => sut.apply(tx, events.slice(0, 2)));
    await expect(
      db.eventStore.transaction(async (tx) => {
        await sut.apply(tx, events.slice(2));
        throw new Error('the swap gave up waiting for its locks');
      }),
    ).rejects.toThrow('gave up');
    await db.eventStore.transaction((tx) => sut.apply(tx, events.slice(2)));

    expect(await shadowRow()).toEqual(expected);
  });
});
