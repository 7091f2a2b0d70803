import { sleep } from './concurrency';

/**
 * Calls `send(i)` at a steady `perSecond` for `count` calls, open loop: each call starts at its
 * scheduled time whatever the earlier ones are doing (late ones start at once, never skipped), so a
 * slow answer cannot lower the offered load. Resolves when every call has settled; the first
 * failure rejects.
 */
export async function offerLoad(count: number, perSecond: number, send: (i: number) => Promise<unknown>): Promise<void> {
  const intervalMs = 1000 / perSecond;
  const startedAt = performance.now();
  const inFlight: Promise<unknown>[] = [];
  let failure: { error: unknown } | undefined;
  for (let i = 0; i < count; i++) {
    const wait = startedAt + i * intervalMs - performance.now();
    if (wait >= 1) await sleep(wait);
    if (failure !== undefined) break;
    // Handled at once: a rejection must not wait for the schedule to end (Node would call it unhandled).
    inFlight.push(send(i).catch((error: unknown) => (failure ??= { error })));
  }
  await Promise.all(inFlight);
  if (failure !== undefined) throw failure.error;
}
