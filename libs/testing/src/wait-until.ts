/** Polls `probe` every 20 ms until it holds; fails naming `what` after `timeoutMs`. */
export async function waitUntil(probe: () => Promise<boolean> | boolean, what: string, timeoutMs = 10_000): Promise<void> {
  for (const until = Date.now() + timeoutMs; !(await probe()); await new Promise((resolve) => setTimeout(resolve, 20))) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
  }
}
