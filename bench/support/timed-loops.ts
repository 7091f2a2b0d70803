import { ratePerSecond } from './stats';

/**
 * Runs `lanes` loops calling `op` back to back for `durationMs`; the rate is completed calls over
 * the time from start to the last completion. A failing call fails the whole run.
 */
export async function runTimedLoops(lanes: number, durationMs: number, op: (lane: number, seq: number) => Promise<unknown>): Promise<number> {
  let completed = 0;
  const startedAt = performance.now();
  const until = startedAt + durationMs;
  let lastDone = startedAt;
  await Promise.all(
    Array.from({ length: lanes }, async (_, lane) => {
      for (let seq = 0; performance.now() < until; seq++) {
        await op(lane, seq);
        completed++;
        lastDone = performance.now();
      }
    }),
  );
  return ratePerSecond(completed, lastDone - startedAt);
}
