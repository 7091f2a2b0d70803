import type { FigureName } from '../support/figures-catalog';
import { startOrchestrator, type Orchestrator } from '../support/orchestrator-process';
import { cpuMsBetween, cpuMsByPidNamed, processCpuMs } from '../support/process-cpu';
import { createBenchSchema } from '../support/postgres';
import { claimRedisPrefix, redisProcessId } from '../support/redis';
import { startSagaHarness } from '../support/saga-harness';
import type { BenchContext } from '../support/bench-context';
import type { TimedRound } from './timed-round';

/** The figures a sagaRate round reports; any of them selected runs it. */
export const SAGA_RATE_FIGURES: readonly FigureName[] = [
  'sagaRate',
  'orchestratorPeakRss',
  'orchestratorCpuPerSaga',
  'postgresCpuPerSaga',
  'redisCpuPerSaga',
  'benchCpuPerSaga',
];

async function cpuSnapshot(orchestrator: Orchestrator, redisPid: number | null) {
  const { user, system } = process.cpuUsage();
  return {
    orchestrator: await orchestrator.cpuMs(),
    postgres: await cpuMsByPidNamed('postgres'),
    redis: redisPid === null ? null : await processCpuMs(redisPid),
    bench: (user + system) / 1000,
  };
}

/**
 * sagaRate: Retrace end to end on a fresh schema — the orchestrator as a real process, a
 * three-step no-op saga on SDK workers in this process, N messages published over HTTP (50 in
 * flight), first publish to last COMPLETED. orchestratorPeakRss: the
 * orchestrator's VmHWM over each round (reset before it), in MB. orchestratorCpuPerSaga: its CPU
 * time (user + system) over each round per saga, in ms; postgresCpuPerSaga, redisCpuPerSaga and
 * benchCpuPerSaga the same for PostgreSQL's processes, Redis and this process (the SDK workers and
 * the publisher) — where the box's two cores go. Each is left out when its processes cannot be
 * read (a server on another machine).
 */
export async function prepareSagaRate(ctx: BenchContext): Promise<TimedRound> {
  const count = ctx.sizes.sagas;
  const schema = await createBenchSchema(ctx, 'saga');
  const prefix = claimRedisPrefix(ctx, 'saga');
  const orchestrator = await startOrchestrator(ctx, schema, prefix);
  const harness = await startSagaHarness(ctx, orchestrator, { schema, prefix, saga: 'bench-saga' });

  const redisPid = await redisProcessId(ctx.redisUrl);
  await harness.runSagas(ctx.sizes.warmupSagas, `warm-${ctx.runTag}`);
  return async (round) => {
    await orchestrator.resetPeakRss();
    const before = await cpuSnapshot(orchestrator, redisPid);
    const sagaRate = await harness.runSagas(count, `r${round}-${ctx.runTag}`);
    const after = await cpuSnapshot(orchestrator, redisPid);
    const perSaga = (ms: number) => ms / count;
    const figures: Partial<Record<FigureName, number>> = {
      sagaRate,
      orchestratorPeakRss: await orchestrator.peakRssMb(),
      orchestratorCpuPerSaga: perSaga(after.orchestrator - before.orchestrator),
      benchCpuPerSaga: perSaga(after.bench - before.bench),
    };
    if (before.postgres.size > 0) figures.postgresCpuPerSaga = perSaga(cpuMsBetween(before.postgres, after.postgres));
    if (before.redis !== null && after.redis !== null) figures.redisCpuPerSaga = perSaga(after.redis - before.redis);
    const ms = (name: FigureName) => (figures[name] === undefined ? '-' : figures[name].toFixed(1));
    ctx.log(
      `sagaRate round ${round + 1}: ${sagaRate.toFixed(0)} sagas/s, orchestrator peak RSS ${figures.orchestratorPeakRss!.toFixed(0)} MB; ` +
        `CPU ms/saga: orchestrator ${ms('orchestratorCpuPerSaga')}, PostgreSQL ${ms('postgresCpuPerSaga')}, Redis ${ms('redisCpuPerSaga')}, bench ${ms('benchCpuPerSaga')}`,
    );
    return figures;
  };
}
