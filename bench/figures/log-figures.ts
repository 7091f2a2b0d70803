import { startOrchestrator } from '../support/orchestrator-process';
import { createBenchSchema } from '../support/postgres';
import { readLogPages } from '../support/read-log-pages';
import { claimRedisPrefix } from '../support/redis';
import { runRebuild } from '../support/run-rebuild';
import { startSagaHarness } from '../support/saga-harness';
import { readMessageTemplate, seedLog, verifySeededMessages } from '../support/seeded-log';
import type { FigureGroup } from './figure-group';

const SMALL_LOG = 10_000;

/**
 * The figures over one seeded log, seeded once per run: copies of a real finished message's
 * history (see seeded-log.ts). With 10,000 events: a rebuild (untimed, fills the read model),
 * then scale10k = sagaRate. Grown to 1,000,000 events: rebuildRate and pgReadCeiling interleaved
 * (order alternating), the first rebuild checked against what was seeded, then scale1M = sagaRate.
 */
export const measureLogFigures: FigureGroup = async (ctx, selected) => {
  const large = ctx.sizes.largeLogEvents;
  const sagas = ctx.sizes.sagas;
  if (large < 1_000_000) ctx.note(`rebuildRate, pgReadCeiling and scale1M ran on a log of ${large.toLocaleString('en-US')} events, not 1,000,000 (--quick)`);
  const wantScale = selected.has('scale10k') || selected.has('scale1M');
  const wantRebuild = selected.has('rebuildRate');
  const schema = await createBenchSchema(ctx, 'log');
  const prefix = claimRedisPrefix(ctx, 'log');
  const orchestrator = await startOrchestrator(ctx, schema, prefix);
  const harness = await startSagaHarness(ctx, orchestrator, { schema, prefix, saga: 'bench-log' });

  const warmTag = `warm-${ctx.runTag}`;
  await harness.runSagas(ctx.sizes.warmupSagas, warmTag);
  const template = await readMessageTemplate(harness.db, `${warmTag}-0`);
  const idPrefix = `s${ctx.runTag}-`;
  let seeded = 0;
  const seed = async (target: number) => {
    const startedAt = Date.now();
    seeded += await seedLog(harness.db, template, idPrefix, seeded, target, (events) => ctx.log(`seeding: ${events.toLocaleString('en-US')} events in the log`));
    ctx.log(`seeded ${seeded} messages of ${template.events.length} events (${((Date.now() - startedAt) / 1000).toFixed(1)} s)`);
  };
  const figures = { scale10k: [] as number[], scale1M: [] as number[], rebuildRate: [] as number[], pgReadCeiling: [] as number[] };
  const scaleRounds = async (into: number[], label: string) => {
    for (let round = 0; round < ctx.rounds; round++) {
      into.push(await harness.runSagas(sagas, `${label}-r${round}-${ctx.runTag}`));
      ctx.log(`${label} round ${round + 1}: ${into.at(-1)!.toFixed(0)} sagas/s`);
    }
  };

  await seed(SMALL_LOG);
  await runRebuild(harness.client, 'bench: read model of the seeded log');
  await verifySeededMessages(harness.db, idPrefix, seeded, template);
  if (wantScale) {
    // One untimed round first: the first runs found the orchestrator still speeding up after the
    // warm-up, which made scale1M (measured later) look better than scale10k.
    await harness.runSagas(sagas, `scale-warm-${ctx.runTag}`);
    await scaleRounds(figures.scale10k, 'scale10k');
  }

  await seed(large);
  const rebuildRounds = wantRebuild ? ctx.rounds : 1;
  for (let round = 0; round < rebuildRounds; round++) {
    const readFirst = round % 2 === 1;
    if (readFirst && selected.has('pgReadCeiling')) figures.pgReadCeiling.push((await readLogPages(harness.db)).rowsPerSecond);
    const rebuild = await runRebuild(harness.client, `bench: rebuild round ${round + 1}`);
    if (wantRebuild) figures.rebuildRate.push(rebuild.eventsPerSecond);
    if (round === 0) await verifySeededMessages(harness.db, idPrefix, seeded, template);
    if (!readFirst && selected.has('pgReadCeiling')) figures.pgReadCeiling.push((await readLogPages(harness.db)).rowsPerSecond);
    ctx.log(`log round ${round + 1}: rebuild ${rebuild.eventsApplied} events at ${rebuild.eventsPerSecond.toFixed(0)}/s, raw read ${figures.pgReadCeiling.at(-1)?.toFixed(0) ?? '-'} rows/s`);
  }
  if (wantScale) await scaleRounds(figures.scale1M, 'scale1M');

  return Object.fromEntries(Object.entries(figures).filter(([name]) => selected.has(name as never)));
};
