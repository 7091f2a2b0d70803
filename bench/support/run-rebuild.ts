import { pollUntil } from './concurrency';
import type { RetraceClient } from './retrace-client';
import { ratePerSecond } from './stats';

/**
 * Rebuilds every projection through the admin API and waits for it; events/s is the events the
 * rebuild applied over its own start and finish times (the database's clock, so polling adds nothing).
 */
export async function runRebuild(client: RetraceClient, reason: string): Promise<{ eventsApplied: number; eventsPerSecond: number; changes: unknown }> {
  const { id } = await client.startRebuild(reason);
  const done = await pollUntil(
    async () => {
      const rebuild = await client.getRebuild(id);
      if (rebuild.status === 'failed') throw new Error(`rebuild ${id} failed: ${rebuild.error}`);
      return rebuild.status === 'succeeded' ? rebuild : undefined;
    },
    `rebuild ${id} to succeed`,
    1_800_000,
    200,
  );
  const elapsedMs = Date.parse(done.finishedAt!) - Date.parse(done.startedAt);
  return { eventsApplied: done.eventsApplied, eventsPerSecond: ratePerSecond(done.eventsApplied, elapsedMs), changes: done.changes };
}
