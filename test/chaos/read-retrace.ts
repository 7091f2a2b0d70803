import { MESSAGE_STATUSES, TERMINAL_STATUSES } from '@retrace/domain';
import type { HistoryEvent } from '../support/saga-audit';

/** An event of `GET /v1/events`, with its time. */
export type LogEvent = HistoryEvent & { streamId: string; createdAt: string };

const NOT_TERMINAL = MESSAGE_STATUSES.filter((s) => !TERMINAL_STATUSES.includes(s));

async function getJson<T>(url: string): Promise<T> {
  const res = await fetch(url, { signal: AbortSignal.timeout(30_000) });
  if (res.status !== 200) throw new Error(`GET ${url} answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
  return (await res.json()) as T;
}

/** Every message's events, read through the API from the start of the log: message id → events in order. */
export async function readMessageStreams(base: string): Promise<Map<string, LogEvent[]>> {
  const streams = new Map<string, LogEvent[]>();
  for (let after = 0; ; ) {
    const page = await getJson<{ events: LogEvent[]; lastPosition: number }>(`${base}/v1/events?after=${after}&limit=1000`);
    for (const e of page.events) {
      if (!e.streamId.startsWith('message-')) continue;
      const id = e.streamId.slice('message-'.length);
      const stream = streams.get(id) ?? [];
      stream.push(e);
      streams.set(id, stream);
    }
    if (page.events.length < 1000) return streams;
    after = page.lastPosition;
  }
}

/** Every message's status in the read model (`GET /v1/messages`, all pages). */
export async function readStatuses(base: string): Promise<Map<string, string>> {
  const statuses = new Map<string, string>();
  let cursor: string | null = null;
  do {
    const page: { items: { id: string; status: string }[]; nextCursor: string | null } = await getJson(
      `${base}/v1/messages?limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    for (const m of page.items) statuses.set(m.id, m.status);
    cursor = page.nextCursor;
  } while (cursor);
  return statuses;
}

/** How many messages are not terminal yet (`null` when the orchestrator did not answer). */
export async function countUnsettled(base: string): Promise<number | null> {
  try {
    const page = await getJson<{ items: unknown[] }>(`${base}/v1/messages?status=${NOT_TERMINAL.join(',')}&limit=500`);
    return page.items.length;
  } catch {
    return null;
  }
}
