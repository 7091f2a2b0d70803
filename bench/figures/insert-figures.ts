import { createRetraceDataSource, EVENT_STORE_MIGRATIONS, EventStore, migrateDatabase } from '@retrace/event-store';
import type { Pool } from 'pg';
import { createBenchSchema, schemaPool } from '../support/postgres';
import { runTimedLoops } from '../support/timed-loops';
import type { FigureGroup } from './figure-group';

const CONNECTIONS = 8;

/** One event as the engine appends them: a MessageAccepted-sized payload and the usual metadata. */
const eventFor = (id: string) => ({
  type: 'MessageAccepted',
  data: { id, saga: 'bench', sagaVersion: 1, messageType: 'command', payload: { sku: 'A-1', qty: 2, note: 'bench' }, correlationId: id, delayMs: 0 },
  metadata: { actor: 'bench', reason: null, runId: `run-${id}`, causationId: null, correlationId: id, saga: 'bench' },
});

/** Raw pg: one autocommitted INSERT per row (a transaction each), prepared, fresh stream per row. */
const INSERT = {
  name: 'bench_insert_event',
  text: `INSERT INTO events (stream_id, stream_version, type, data, metadata) VALUES ($1, 1, $2, $3::jsonb, $4::jsonb)`,
};

/**
 * pgInsertCeiling and appendRate, interleaved in every round (the order alternates) so the box's
 * noise hits both alike. Both tables come from EVENT_STORE_MIGRATIONS (same columns, indexes and
 * constraints); 8 connections each; appendRate is EventStore.appendToStream of one event to a new
 * stream (expected version 0).
 */
export const measureInsertFigures: FigureGroup = async (ctx, selected) => {
  const durationMs = ctx.sizes.insertSeconds * 1000;
  const ceilingSchema = await createBenchSchema(ctx, 'pgins');
  const appendSchema = await createBenchSchema(ctx, 'append');
  const migrated = async (schema: string) => {
    const dataSource = createRetraceDataSource({ url: ctx.databaseUrl, schema, migrations: EVENT_STORE_MIGRATIONS, poolSize: CONNECTIONS, applicationName: 'retrace-bench' });
    await migrateDatabase(dataSource, schema);
    ctx.defer(`close the DataSource of ${schema}`, async () => dataSource.isInitialized && dataSource.destroy());
    return dataSource;
  };
  await migrated(ceilingSchema).then((ds) => ds.destroy());
  const store = new EventStore(await migrated(appendSchema));
  const pool: Pool = schemaPool(ctx.databaseUrl, ceilingSchema, CONNECTIONS);
  ctx.defer('close the ceiling pool', () => pool.end());

  let serial = 0;
  const ceiling = () =>
    runTimedLoops(CONNECTIONS, durationMs, () => {
      const id = `c${ctx.runTag}-${serial++}`;
      const event = eventFor(id);
      return pool.query({ ...INSERT, values: [`message-${id}`, event.type, JSON.stringify(event.data), JSON.stringify(event.metadata)] });
    });
  const append = () =>
    runTimedLoops(CONNECTIONS, durationMs, () => {
      const id = `a${ctx.runTag}-${serial++}`;
      return store.appendToStream(`message-${id}`, [eventFor(id)], 0);
    });

  const wantCeiling = selected.has('pgInsertCeiling');
  const wantAppend = selected.has('appendRate');
  // Warm both paths (connections, prepared statements, JIT) before the first timed round.
  await runTimedLoops(CONNECTIONS, 300, () => pool.query({ ...INSERT, values: [`message-w${serial++}`, 'Warm', '{}', '{}'] }));
  await runTimedLoops(CONNECTIONS, 300, () => store.appendToStream(`message-w${serial++}`, [eventFor('warm')], 0));

  const rounds = { pgInsertCeiling: [] as number[], appendRate: [] as number[] };
  for (let round = 0; round < ctx.rounds; round++) {
    const order = round % 2 === 0 ? (['ceiling', 'append'] as const) : (['append', 'ceiling'] as const);
    for (const which of order) {
      if (which === 'ceiling' && wantCeiling) rounds.pgInsertCeiling.push(await ceiling());
      if (which === 'append' && wantAppend) rounds.appendRate.push(await append());
    }
    ctx.log(`insert round ${round + 1}: pgInsertCeiling ${rounds.pgInsertCeiling.at(-1)?.toFixed(0) ?? '-'} rows/s, appendRate ${rounds.appendRate.at(-1)?.toFixed(0) ?? '-'} events/s`);
  }
  return {
    ...(wantCeiling ? { pgInsertCeiling: rounds.pgInsertCeiling } : {}),
    ...(wantAppend ? { appendRate: rounds.appendRate } : {}),
  };
};
