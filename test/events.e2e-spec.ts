import { LIVE_TAIL_OPTIONS, type LiveTailOptions } from '@retrace/engine';
import { LiveTailHub } from '@retrace/engine/live-tail/live-tail-hub';
import { ordersSagaBody } from './support/orders-saga';
import { DataSource } from 'typeorm';
import { startTestApp, type TestApp } from './support/test-app';
import { waitFor } from './support/wait-for';

interface LogEvent {
  position: number;
  type: string;
  streamId: string;
  metadata: { saga?: string };
}
interface Page {
  events: LogEvent[];
  lastPosition: number;
}

describe('the log: filtered reads and a live tail (e2e)', () => {
  let t: TestApp;
  let base: string;
  const streams: SseClient[] = [];
  const read = async (query: Record<string, string | number>): Promise<Page> => (await t.http.get('/v1/events').query(query).expect(200)).body;
  const publish = (saga: string, id: string) => t.http.post('/v1/messages').send({ saga, id }).expect(202);
  const open = (query: string, headers: Record<string, string> = {}) =>
    SseClient.open(`${base}/v1/events/stream${query}`, headers).then((s) => (streams.push(s), s));

  beforeAll(async () => {
    t = await startTestApp('events');
    await t.app.listen(0, '127.0.0.1');
    base = (await t.app.getUrl()).replace('[::1]', '127.0.0.1');
    await t.http.put('/v1/sagas/order').send(ordersSagaBody(1)).expect(201);
    await t.http.put('/v1/sagas/refund').send({ version: 1, steps: [{ name: 'pay', action: { queue: 'pay' } }] }).expect(201);
    for (let i = 1; i <= 5; i++) {
      await publish('order', `o-${i}`);
      if (i % 2 === 0) await publish('refund', `r-${i}`);
    }
  });
  afterAll(async () => {
    // One stream is still open: shutting the app down must end it, not wait for it.
    const closing = Date.now();
    await t?.close();
    expect(Date.now() - closing).toBeLessThan(5000);
    await Promise.all(streams.map((s) => s.close()));
  });

  it('filters by types and by saga (its messages and its own definition stream)', async () => {
    const accepted = await read({ types: 'MessageAccepted', limit: 1000 });
    expect(accepted.events.map((e) => e.streamId)).toEqual(['o-1', 'o-2', 'r-2', 'o-3', 'o-4', 'r-4', 'o-5'].map((id) => `message-${id}`));

    const refund = await read({ saga: 'refund', limit: 1000 });
    expect(refund.events.map((e) => `${e.streamId} ${e.type}`)).toEqual([
      'saga-refund SagaRegistered',
      'message-r-2 MessageAccepted',
      'message-r-2 StepDispatched',
      'message-r-4 MessageAccepted',
      'message-r-4 StepDispatched',
    ]);
    expect(refund.events.filter((e) => e.streamId.startsWith('message-')).every((e) => e.metadata.saga === 'refund')).toBe(true);
  });

  it('pages a filtered log with lastPosition: every match exactly once, in order', async () => {
    const everything = (await read({ limit: 1000 })).events;
    const expected = everything.filter((e) => e.type === 'StepDispatched' && e.streamId.startsWith('message-o-')).map((e) => e.position);
    const seen: number[] = [];
    let after = 0;
    for (let pages = 0; ; pages++) {
      const page = await read({ after, limit: 2, saga: 'order', types: 'StepDispatched' });
      seen.push(...page.events.map((e) => e.position));
      expect(page.lastPosition).toBeGreaterThanOrEqual(after);
      after = page.lastPosition;
      if (page.events.length < 2) break;
      expect(pages).toBeLessThan(10);
    }
    expect(seen).toEqual(expected);
    // The last, short page handed on the head it covered: past the last match, and nothing is read again.
    expect(after).toBeGreaterThanOrEqual(everything[everything.length - 1].position);
    expect((await read({ after, saga: 'order', types: 'StepDispatched' })).events).toEqual([]);
  });

  it('reads since a time, with the filters', async () => {
    const all = (await read({ limit: 1000 })).events as (LogEvent & { createdAt: string })[];
    const since = all.find((e) => e.streamId === 'message-o-3')!.createdAt;
    const page = await read({ since, saga: 'order', types: 'MessageAccepted' });
    expect(page.events.map((e) => e.streamId)).toEqual(['message-o-3', 'message-o-4', 'message-o-5']);
    expect((await read({ after: page.lastPosition, saga: 'order' })).events).toEqual([]);
  });

  it('streams new events live, then resumes after Last-Event-ID with no gap and no duplicate', async () => {
    const start = (await read({ types: 'Nothing' })).lastPosition;
    const first = await open(`?after=${start}&saga=order`);
    await publish('order', 'live-1');
    await publish('refund', 'live-r');
    await publish('order', 'live-2');
    await first.waitForEvents(4);
    const received = first.events();
    await first.close();

    await publish('order', 'live-3');
    await publish('order', 'live-4');
    // The header wins over `after`.
    const second = await open(`?after=0&saga=order`, { 'Last-Event-ID': received[1].id! });
    await second.waitForEvents(8 - 2);
    const resumed = second.events();
    await second.close();

    const expected = (await read({ after: start, saga: 'order' })).events;
    expect(expected.map((e) => e.streamId)).toEqual(
      ['live-1', 'live-1', 'live-2', 'live-2', 'live-3', 'live-3', 'live-4', 'live-4'].map((id) => `message-${id}`),
    );
    const asSse = (e: LogEvent) => ({ id: String(e.position), event: e.type, data: JSON.stringify(e) });
    expect(received.slice(0, 4)).toEqual(expected.slice(0, 4).map(asSse));
    expect(resumed).toEqual(expected.slice(2).map(asSse));
  });

  it('shares one LISTEN connection between streams, and keeps idle streams alive', async () => {
    Object.assign(t.app.get<symbol, LiveTailOptions>(LIVE_TAIL_OPTIONS), { heartbeatMs: 100 });
    const head = (await read({ types: 'Nothing' })).lastPosition;
    const [a, b] = await Promise.all([open(`?after=${head}`), open(`?after=${head}&types=StepFailed`)]);
    await waitFor(async () => t.app.get(LiveTailHub).waiting === 2, 'both streams waiting on the hub');
    const listeners = await t.app
      .get(DataSource)
      .query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE query = $1`, [`LISTEN "rte_${t.schema}"`]);
    expect(listeners).toEqual([{ n: 1 }]);
    await waitFor(async () => a.comments().includes('keep-alive') && b.comments().includes('keep-alive'), 'heartbeats');
    await Promise.all([a.close(), b.close()]);
    await waitFor(async () => t.app.get(LiveTailHub).waiting === 0, 'the hub to let go of closed streams');
    await open(`?after=${head}`); // left open: afterAll shows that shutdown ends it
  });

  it('refuses bad parameters with 400 naming the field', async () => {
    for (const [path, field, headers] of [
      ['/v1/events?saga=Bad', 'saga'],
      ['/v1/events?types=Step-Failed', 'types'],
      ['/v1/events?limit=0', 'limit'],
      ['/v1/events/stream?limit=5', 'limit'],
      ['/v1/events/stream?after=x', 'after'],
      ['/v1/events/stream', 'Last-Event-ID', { 'Last-Event-ID': 'abc' }],
    ] as [string, string, Record<string, string>?][]) {
      const res = await t.http.get(path).set(headers ?? {}).expect(400);
      expect(res.body.error.details.issues[0].path).toBe(field);
    }
  });
});

interface SseMessage {
  id?: string;
  event?: string;
  data?: string;
  comment?: string;
}

/** Reads a text/event-stream response body with fetch, as a browser's EventSource would. */
class SseClient {
  private readonly messages: SseMessage[] = [];
  private pumping: Promise<void> = Promise.resolve();

  private constructor(private readonly abort: AbortController) {}

  static async open(url: string, headers: Record<string, string>): Promise<SseClient> {
    const client = new SseClient(new AbortController());
    const res = await fetch(url, { headers: { Accept: 'text/event-stream', ...headers }, signal: client.abort.signal });
    if (res.status !== 200 || !res.headers.get('content-type')?.startsWith('text/event-stream')) {
      throw new Error(`stream answered ${res.status} ${await res.text()}`);
    }
    client.pumping = client.pump(res.body!.getReader());
    return client;
  }

  events(): SseMessage[] {
    return this.messages.filter((m) => m.comment === undefined);
  }

  comments(): string[] {
    return this.messages.flatMap((m) => (m.comment === undefined ? [] : [m.comment]));
  }

  waitForEvents(n: number): Promise<unknown> {
    return waitFor(async () => this.events().length >= n, `${n} events (have ${JSON.stringify(this.events())})`, 10_000);
  }

  async close(): Promise<void> {
    this.abort.abort();
    await this.pumping;
  }

  private async pump(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += decoder.decode(value, { stream: true });
        for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
          this.messages.push(parseBlock(buffer.slice(0, end)));
          buffer = buffer.slice(end + 2);
        }
      }
    } catch (error) {
      if (!this.abort.signal.aborted) throw error;
    }
  }
}

function parseBlock(block: string): SseMessage {
  const message: SseMessage = {};
  for (const line of block.split('\n')) {
    if (line.startsWith(':')) message.comment = line.slice(1).trim();
    else {
      const [field, ...rest] = line.split(': ');
      (message as Record<string, string>)[field] = rest.join(': ');
    }
  }
  return message;
}
