import { startOrchestrator } from '../support/orchestrator-process';
import { createBenchSchema } from '../support/postgres';
import { claimRedisPrefix } from '../support/redis';
import { startSagaHarness } from '../support/saga-harness';
import type { BenchContext } from '../support/bench-context';
import type { TimedRound } from './timed-round';

/**
 * sagaRate: Retrace end to end on a fresh schema — the orchestrator as a real process, a
 * three-step no-op saga on SDK workers in this process, N messages published over HTTP (50 in
 * flight), first publish to last COMPLETED. orchestratorPeakRss: the
 * orchestrator's VmHWM over each round (reset before it), in MB. orchestratorCpuPerSaga: its CPU
 * time (user + system) over each round per saga, in ms.
 */
export async function prepareSagaRate(ctx: BenchContext): Promise<TimedRound> {
  const count = ctx.sizes.sagas;
  const schema = await createBenchSchema(ctx, 'saga');
  const prefix = claimRedisPrefix(ctx, 'saga');
  const orchestrator = await startOrchestrator(ctx, schema, prefix);
  const harness = await startSagaHarness(ctx, orchestrator, { schema, prefix, saga: 'bench-saga' });

  await harness.runSagas(ctx.sizes.warmupSagas, `warm-${ctx.runTag}`);
  return async (round) => {
    await orchestrator.resetPeakRss();
    const cpuBefore = await orchestrator.cpuMs();
    const sagaRate = await harness.runSagas(count, `r${round}-${ctx.runTag}`);
    const orchestratorCpuPerSaga = ((await orchestrator.cpuMs()) - cpuBefore) / count;
    const orchestratorPeakRss = await orchestrator.peakRssMb();
    ctx.log(`sagaRate round ${round + 1}: ${sagaRate.toFixed(0)} sagas/s, orchestrator peak RSS ${orchestratorPeakRss.toFixed(0)} MB, CPU ${orchestratorCpuPerSaga.toFixed(1)} ms/saga`);
    return { sagaRate, orchestratorPeakRss, orchestratorCpuPerSaga };
  };
}
