import { startOrchestrator } from '../support/orchestrator-process';
import { createBenchSchema } from '../support/postgres';
import { readLogPages } from '../support/read-log-pages';
import { claimRedisPrefix } from '../support/redis';
import { runRebuild } from '../support/run-rebuild';
import { startSagaHarness, type SagaHarness } from '../support/saga-harness';
import { readMessageTemplate, seedLog, verifySeededMessages } from '../support/seeded-log';
import type { BenchContext } from '../support/bench-context';
import type { FigureGroup } from './figure-group';

const SMALL_LOG = 10_000;

/** A seeded log: its own schema, Redis prefix, orchestrator and saga workers. */
interface SeededLog {
  harness: SagaHarness;
  /** Checks the read model against what was seeded (after a rebuild). */
  verify: () => Promise<void>;
}

/**
 * Opens a log of its own (schema, prefix, orchestrator, workers, warm-up) and seeds it to
 * `events`; the read model is rebuilt once (untimed) and checked against what was seeded unless
 * `rebuild` is false (the caller times that rebuild).
 */
async function openSeededLog(ctx: BenchContext, label: string, events: number, rebuild: boolean): Promise<SeededLog> {
  const schema = await createBenchSchema(ctx, label);
  const prefix = claimRedisPrefix(ctx, label);
  const orchestrator = await startOrchestrator(ctx, schema, prefix);
  const harness = await startSagaHarness(ctx, orchestrator, { schema, prefix, saga: `bench-${label}` });
  const warmTag = `warm-${label}-${ctx.runTag}`;
  await harness.runSagas(ctx.sizes.warmupSagas, warmTag);
  const template = await readMessageTemplate(harness.db, `${warmTag}-0`);
  const idPrefix = `s${label}${ctx.runTag}-`;
  const startedAt = Date.now();
  const seeded = await seedLog(harness.db, template, idPrefix, 0, events, (n) => ctx.log(`${label}: ${n.toLocaleString('en-US')} events in the log`));
  ctx.log(`${label}: seeded ${seeded} messages of ${template.events.length} events (${((Date.now() - startedAt) / 1000).toFixed(1)} s)`);
  const verify = () => verifySeededMessages(harness.db, idPrefix, seeded, template);
  if (rebuild) {
    await runRebuild(harness.client, `bench: read model of the seeded ${label} log`);
    await verify();
  }
  return { harness, verify };
}

/**
 * The figures over seeded logs: copies of a real finished message's history (see seeded-log.ts).
 * The large log (1,000,000 events): rebuildRate and pgReadCeiling interleaved (order alternating),
 * the first rebuild checked against what was seeded. scale10k and scale1M are sagaRate on a log of
 * 10,000 events and on the large one, each behind its own orchestrator, their rounds interleaved
 * (order alternating) so a box that slows down mid-run slows both alike.
 */
export const measureLogFigures: FigureGroup = async (ctx, selected) => {
  const large = ctx.sizes.largeLogEvents;
  const sagas = ctx.sizes.sagas;
  if (large < 1_000_000) ctx.note(`rebuildRate, pgReadCeiling and scale1M ran on a log of ${large.toLocaleString('en-US')} events, not 1,000,000 (--quick)`);
  const wantScale = selected.has('scale10k') || selected.has('scale1M');
  const wantRebuild = selected.has('rebuildRate');
  const figures = { scale10k: [] as number[], scale1M: [] as number[], rebuildRate: [] as number[], pgReadCeiling: [] as number[] };

  const big = await openSeededLog(ctx, 'log', large, false);
  const rebuildRounds = wantRebuild ? ctx.rounds : 1;
  for (let round = 0; round < rebuildRounds; round++) {
    const readFirst = round % 2 === 1;
    if (readFirst && selected.has('pgReadCeiling')) figures.pgReadCeiling.push((await readLogPages(big.harness.db)).rowsPerSecond);
    const rebuild = await runRebuild(big.harness.client, `bench: rebuild round ${round + 1}`);
    if (wantRebuild) figures.rebuildRate.push(rebuild.eventsPerSecond);
    if (round === 0) await big.verify();
    if (!readFirst && selected.has('pgReadCeiling')) figures.pgReadCeiling.push((await readLogPages(big.harness.db)).rowsPerSecond);
    ctx.log(`log round ${round + 1}: rebuild ${rebuild.eventsApplied} events at ${rebuild.eventsPerSecond.toFixed(0)}/s, raw read ${figures.pgReadCeiling.at(-1)?.toFixed(0) ?? '-'} rows/s`);
  }

  if (wantScale) {
    const small = await openSeededLog(ctx, 'logsmall', SMALL_LOG, true);
    const logs = [
      { name: 'scale10k' as const, log: small },
      { name: 'scale1M' as const, log: big },
    ];
    // One untimed round on each first: the first runs found an orchestrator still speeding up after
    // its warm-up, which favoured whichever log was measured later.
    for (const { name, log } of logs) await log.harness.runSagas(sagas, `${name}-warm-${ctx.runTag}`);
    // The warm-ups leave more than 10,000 events in the small log; say what each log really held.
    const held = await Promise.all(logs.map(async ({ log }) => (await log.harness.db.query<{ n: string }>('SELECT count(*) AS n FROM events')).rows[0].n));
    ctx.note(`scale10k's log held ${Number(held[0]).toLocaleString('en-US')} events at its first timed round, scale1M's ${Number(held[1]).toLocaleString('en-US')}; each round adds its sagas' events`);
    for (let round = 0; round < ctx.rounds; round++) {
      for (const { name, log } of round % 2 === 0 ? logs : [...logs].reverse()) {
        figures[name].push(await log.harness.runSagas(sagas, `${name}-r${round}-${ctx.runTag}`));
        ctx.log(`${name} round ${round + 1}: ${figures[name].at(-1)!.toFixed(0)} sagas/s`);
      }
    }
  }

  return Object.fromEntries(Object.entries(figures).filter(([name]) => selected.has(name as never)));
};
