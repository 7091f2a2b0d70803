import type { StepHandler } from '@retrace/sdk';
import { startOrchestrator } from '../support/orchestrator-process';
import { offerLoad } from '../support/offered-load';
import { createBenchSchema } from '../support/postgres';
import { claimRedisPrefix } from '../support/redis';
import { SAGA_STEPS, startSagaHarness } from '../support/saga-harness';
import { percentile, ratePerSecond } from '../support/stats';
import type { FigureGroup } from './figure-group';

const PER_SECOND = 200;
const WARMUP_SECONDS = 1;

/** When each message was sent and when each of its steps' handlers started and returned (performance.now()). */
class StepClock {
  readonly sent = new Map<string, number>();
  readonly started = SAGA_STEPS.map(() => new Map<string, number>());
  readonly returned = SAGA_STEPS.map(() => new Map<string, number>());

  handler(stepIndex: number): StepHandler {
    return (_input, ctx) => {
      if (!this.started[stepIndex].has(ctx.messageId)) this.started[stepIndex].set(ctx.messageId, performance.now());
      this.returned[stepIndex].set(ctx.messageId, performance.now());
      return {};
    };
  }

  /** publish sent → first step's handler starts, per message. */
  dispatchSamples(ids: readonly string[]): number[] {
    return ids.map((id) => this.started[0].get(id)! - this.sent.get(id)!);
  }

  /** step k's handler returned → step k+1's handler started, per message and hop. */
  hopSamples(ids: readonly string[]): number[] {
    return ids.flatMap((id) => SAGA_STEPS.slice(1).map((_, k) => this.started[k + 1].get(id)! - this.returned[k].get(id)!));
  }
}

/**
 * dispatchLatency and hopLatency at a steady offered load of 200 messages/s: the publisher and the
 * SDK workers share this process, so one clock times both ends. Each round offers load for N
 * seconds; messages of its first second are a warm-up and not counted. p50 and p99 per round.
 */
export const measureLatency: FigureGroup = async (ctx) => {
  const seconds = ctx.sizes.latencySeconds;
  const schema = await createBenchSchema(ctx, 'latency');
  const prefix = claimRedisPrefix(ctx, 'latency');
  const orchestrator = await startOrchestrator(ctx, schema, prefix);
  const clock = new StepClock();
  const harness = await startSagaHarness(ctx, orchestrator, { schema, prefix, saga: 'bench-latency', handlers: (_queue, step) => clock.handler(SAGA_STEPS.indexOf(step as never)) });
  await harness.runSagas(ctx.sizes.warmupSagas, `warm-${ctx.runTag}`);

  const figures = { dispatchLatencyP50: [] as number[], dispatchLatencyP99: [] as number[], hopLatencyP50: [] as number[], hopLatencyP99: [] as number[] };
  for (let round = 0; round < ctx.rounds; round++) {
    const tag = `r${round}-${ctx.runTag}`;
    const count = seconds * PER_SECOND;
    const ids = Array.from({ length: count }, (_, i) => `${tag}-${i}`);
    const startedAt = Date.now();
    await offerLoad(count, PER_SECOND, (i) => {
      clock.sent.set(ids[i], performance.now());
      return harness.client.publish({ saga: harness.saga, id: ids[i], correlationId: tag, payload: { n: i } });
    });
    const achieved = ratePerSecond(count, (await harness.awaitCompleted(tag, count)) - startedAt);
    if (achieved < 0.95 * PER_SECOND) {
      ctx.note(`latency round ${round + 1}: Retrace completed ${achieved.toFixed(0)} messages/s of the ${PER_SECOND}/s offered, so the latencies include a growing backlog`);
    }
    const counted = ids.slice(WARMUP_SECONDS * PER_SECOND);
    const dispatch = clock.dispatchSamples(counted);
    const hops = clock.hopSamples(counted);
    if ([...dispatch, ...hops].some((ms) => !Number.isFinite(ms))) throw new Error(`latency round ${round + 1}: a completed message has a step whose handler was never seen here`);
    figures.dispatchLatencyP50.push(percentile(dispatch, 50));
    figures.dispatchLatencyP99.push(percentile(dispatch, 99));
    figures.hopLatencyP50.push(percentile(hops, 50));
    figures.hopLatencyP99.push(percentile(hops, 99));
    ctx.log(
      `latency round ${round + 1}: dispatch p50 ${figures.dispatchLatencyP50.at(-1)!.toFixed(1)} / p99 ${figures.dispatchLatencyP99.at(-1)!.toFixed(1)} ms, ` +
        `hop p50 ${figures.hopLatencyP50.at(-1)!.toFixed(1)} / p99 ${figures.hopLatencyP99.at(-1)!.toFixed(1)} ms`,
    );
  }
  return figures;
};
