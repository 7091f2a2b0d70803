import { countStatuses, isTerminal, UNSEEN } from './count-statuses';
import type { RetraceClient } from './retrace-client';

export interface Progress {
  terminal: number;
  total: number;
  byStatus: [string, number][];
  elapsedMs: number;
}

export interface AwaitTerminalOptions {
  saga: string;
  /** Accepted at or after this (the database's clock): narrows the listing to this run. */
  since: Date;
  timeoutMs: number;
  pollMs: number;
  startedAt: number;
  signal?: AbortSignal;
  onProgress?: (progress: Progress) => void;
}

/**
 * Polls `GET /v1/messages?saga=…&from=…` (every page) until each of `ids` is in a terminal status,
 * the timeout passes or `signal` aborts. Resolves with the last status seen of each id (`UNSEEN`
 * when Retrace never listed it) and whether all were terminal.
 */
export async function awaitTerminal(
  client: RetraceClient,
  ids: readonly string[],
  options: AwaitTerminalOptions,
): Promise<{ statuses: Map<string, string>; finished: boolean; finishedAt: number }> {
  const wanted = new Set(ids);
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    const statuses = await readStatuses(client, wanted, options);
    const terminal = [...statuses.values()].filter(isTerminal).length;
    const finishedAt = Date.now();
    options.onProgress?.({ terminal, total: wanted.size, byStatus: countStatuses(statuses.values()), elapsedMs: finishedAt - options.startedAt });
    const finished = terminal === wanted.size;
    if (finished || finishedAt >= deadline || options.signal?.aborted === true) return { statuses, finished, finishedAt };
    await new Promise((resolve) => setTimeout(resolve, Math.min(options.pollMs, Math.max(0, deadline - finishedAt))));
  }
}

async function readStatuses(client: RetraceClient, wanted: Set<string>, options: AwaitTerminalOptions): Promise<Map<string, string>> {
  const seen = new Map<string, string>();
  let cursor: string | null = null;
  do {
    const query: Record<string, string> = { saga: options.saga, from: options.since.toISOString(), limit: '500' };
    if (cursor !== null) query.cursor = cursor;
    const page = await client.listMessages(query);
    for (const message of page.items) if (wanted.has(message.id)) seen.set(message.id, message.status);
    cursor = page.nextCursor;
  } while (cursor !== null && seen.size < wanted.size);
  // The listing filters on the database's clock; a message it missed is asked for by id.
  for (const id of wanted) {
    if (!seen.has(id)) seen.set(id, (await client.getMessage(id))?.status ?? UNSEEN);
  }
  return seen;
}
