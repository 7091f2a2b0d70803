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
  // A replay counts runs: folding its events twice gives another row (folding a settled run twice does not).
  { type: 'ReplayMessage', runId: 'run-2', mode: 'restart', fromStep: null, force: true, patch: null },
];

const at = (position: number, xid: string) => ({ position, metadata: {}, createdAt: new Date(0), createdUs: String(1_000_000 * position), xid });

/** The saga's registration, then the messages' events, one append per command, messages taking turns. */
function log(ids = ['m1']): ProjectedEvent[] {
  const events: ProjectedEvent[] = [{ type: SAGA_REGISTERED, data: { definition: SAGA }, streamId: 'saga-order', streamVersion: 1, ...at(1, 'tx-0') }];
  const decided = new Map(ids.map((id) => [id, [] as MessageEvent[]]));
  COMMANDS.forEach((command, i) => {
    for (const id of ids) {
      const stream = decided.get(id)!;
      for (const event of decide(foldMessage(stream), command)) {
        stream.push(event);
        events.push({ ...event, streamId: `message-${id}`, streamVersion: stream.length, ...at(events.length + 1, `tx-${i}-${id}`) });
      }
    }
  });
  return events;
}

describe('messages projection', () => {
  let db: TestEventStore;
  const shadowRow = async (id = 'm1') =>
    (await db.eventStore.sql.query<{ stream_version: number; state: unknown; status: string }>(`SELECT stream_version, state, status FROM messages_rebuild WHERE id = $1`, [id]))[0];

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
    expect(await shadowRow()).toEqual({ stream_version: events.length - 1, state: JSON.parse(JSON.stringify(expected)), status: expected.status });
    expect(expected.runs).toBe(2);
  });

  it('folds a message a page skipped from its row in the shadow, and one the previous page folded from that page', async () => {
    const events = log(['m1', 'm2']);
    const sut = messagesProjection.begin({ firstCheckMs: 15_000 });
    const m1 = events.filter((e) => e.streamId !== 'message-m2');
    const m2 = events.filter((e) => e.streamId === 'message-m2');
    // m1 starts, m2 alone (m1 is not in the page before its next one), then both again.
    const pages = [m1.slice(0, 3), m2.slice(0, 3), [...m1.slice(3), ...m2.slice(3)].sort((a, b) => a.position - b.position)];
    for (const page of pages) await db.eventStore.transaction((tx) => sut.apply(tx, page));

    for (const id of ['m1', 'm2']) {
      const expected = foldMessage(events.filter((e) => e.streamId === `message-${id}`) as unknown as MessageEvent[]);
      expect(await shadowRow(id)).toMatchObject({ state: JSON.parse(JSON.stringify(expected)), status: expected.status });
    }
    expect(INITIAL_MESSAGE_STATE.runs).not.toBe(2);
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
