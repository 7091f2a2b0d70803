import { pollUntil } from '../support/concurrency';
import { startOrchestrator } from '../support/orchestrator-process';
import { createBenchSchema } from '../support/postgres';
import { claimRedisPrefix } from '../support/redis';
import { type SagaHarness, startSagaHarness } from '../support/saga-harness';
import { ratePerSecond } from '../support/stats';
import type { FigureGroup } from './figure-group';

const SAGA = 'bench-replay';
const MAX_IN_FLIGHT = 50;

/**
 * replayRate: N messages of a three-step no-op saga are published and finished first; each round
 * then creates one bulk operation (replay, mode restart, force: they are COMPLETED) over all of
 * them, maxInFlight 50 like sagaRate's publishers, and times from the create request to the last
 * message COMPLETED again (its `updated_at`). Every message must end COMPLETED on a new run.
 */
export const measureReplayRate: FigureGroup = async (ctx) => {
  const count = ctx.sizes.replayMessages;
  const schema = await createBenchSchema(ctx, 'replay');
  const prefix = claimRedisPrefix(ctx, 'replay');
  const orchestrator = await startOrchestrator(ctx, schema, prefix);
  const harness = await startSagaHarness(ctx, orchestrator, { schema, prefix, saga: SAGA });
  const tag = `seed-${ctx.runTag}`;
  ctx.log(`replay: publishing and finishing ${count} messages first`);
  await harness.runSagas(count, tag);

  const rounds: number[] = [];
  for (let round = 0; round < ctx.rounds; round++) {
    const runsBefore = await runIds(harness, tag);
    const startedAt = Date.now();
    const operation = await harness.client.createOperation({
      action: 'replay',
      mode: 'restart',
      force: true,
      reason: `bench replay round ${round + 1}`,
      selector: { saga: SAGA, fromPosition: 1, status: ['COMPLETED'] },
      confirm: count,
      maxInFlight: MAX_IN_FLIGHT,
    });
    if (operation.matched !== count) throw new Error(`the replay operation matched ${operation.matched} messages, expected ${count}`);
    const final = await pollUntil(
      async () => {
        const state = await harness.client.getOperation(operation.id);
        if (state.status === 'failed' || state.status === 'cancelled') throw new Error(`replay operation ${operation.id} ended ${state.status}`);
        return state.status === 'completed' ? state : undefined;
      },
      `replay operation ${operation.id} to complete`,
      600_000,
      100,
    );
    if (final.succeeded !== count) throw new Error(`replay operation ${operation.id}: ${final.succeeded} of ${count} succeeded (failed ${final.failed}, skipped ${final.skipped})`);
    const lastCompletedAt = await harness.awaitCompleted(tag, count);
    const runsAfter = await runIds(harness, tag);
    const notReplayed = [...runsAfter].filter(([id, run]) => runsBefore.get(id) === run).length;
    if (notReplayed > 0) throw new Error(`${notReplayed} message(s) are COMPLETED on their old run: the operation did not replay them`);
    rounds.push(ratePerSecond(count, lastCompletedAt - startedAt));
    ctx.log(`replayRate round ${round + 1}: ${rounds.at(-1)!.toFixed(0)} messages/s`);
  }
  return { replayRate: rounds };
};

async function runIds(harness: SagaHarness, tag: string): Promise<Map<string, string>> {
  const { rows } = await harness.db.query<{ id: string; run_id: string }>(`SELECT id, run_id FROM messages WHERE correlation_id = $1`, [tag]);
  return new Map(rows.map((row) => [row.id, row.run_id]));
}
