import { subscribe } from './subscribe';
import { InvalidSubscribeOptionsError } from './validate-subscribe-options';

type Reply = { status: number; body?: unknown } | Error;

/** A scripted Retrace: answers each call from `script` by method and path, recording what was sent. */
function fakeRetrace(script: (call: { method: string; path: string; body: unknown }, n: number) => Reply) {
  const calls: { method: string; path: string; body: unknown; at: number }[] = [];
  const fetch = (async (input: URL, init: RequestInit) => {
    // A real fetch does I/O; without this, a loop that never sleeps would starve the test's timers.
    await new Promise((resolve) => setImmediate(resolve));
    const call = { method: init.method ?? 'GET', path: input.pathname + input.search, body: init.body ? JSON.parse(init.body as string) : undefined };
    calls.push({ ...call, at: Date.now() });
    const reply = script(call, calls.length);
    if (reply instanceof Error) throw reply;
    return new Response(reply.body === undefined ? '' : JSON.stringify(reply.body), { status: reply.status });
  }) as unknown as typeof globalThis.fetch;
  return { fetch, calls };
}

const event = (position: number) => ({ position, streamId: 's', version: position, type: 'T', data: {}, metadata: {}, createdAt: '2026-01-01T00:00:00Z' });
const quiet = { warn: () => undefined, error: () => undefined };
const until = async (check: () => boolean) => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(check()).toBe(true);
};

describe(subscribe.name, () => {
  it('refuses wrong arguments at once, listing every problem', () => {
    expect(() => subscribe('Bad', 1 as never, { url: 'ftp://x', batchSize: 0 })).toThrow(InvalidSubscribeOptionsError);
    try {
      subscribe('Bad', 1 as never, { url: 'ftp://x', batchSize: 0, colour: 1 } as never);
    } catch (error) {
      expect((error as InvalidSubscribeOptionsError).problems).toHaveLength(5);
    }
  });

  it('defines, hands batches over in order, acks their cursor with the lease, and backs off when idle', async () => {
    let served = 0;
    const retrace = fakeRetrace(({ method }) => {
      if (method === 'PUT') return { status: 201, body: {} };
      if (method === 'POST') return { status: 200, body: {} };
      served++;
      if (served === 1) return { status: 200, body: { events: [event(1), event(2)], cursor: 2, leaseId: 'l1', committedPosition: 0 } };
      if (served === 2) return { status: 200, body: { events: [event(3)], cursor: 9, leaseId: 'l2', committedPosition: 2 } };
      return { status: 200, body: { events: [], committedPosition: 9 } };
    });
    const seen: number[] = [];
    const sut = subscribe('projector', (events) => void seen.push(...events.map((e) => e.position)), {
      url: 'http://retrace.test',
      apiKey: 'k',
      filter: { saga: 'order' },
      minBackoffMs: 5,
      maxBackoffMs: 20,
      fetch: retrace.fetch,
      logger: quiet,
    });
    await sut.ready();
    await until(() => served >= 8);
    await sut.close();
    expect(seen).toEqual([1, 2, 3]);
    expect(retrace.calls[0]).toMatchObject({ method: 'PUT', path: '/v1/subscriptions/projector', body: { filter: { saga: 'order' } } });
    expect(retrace.calls.filter((c) => c.method === 'POST').map((c) => c.body)).toEqual([
      { position: 2, leaseId: 'l1' },
      { position: 9, leaseId: 'l2' },
    ]);
    const idle = retrace.calls.filter((c) => c.method === 'GET').slice(2).map((c) => c.at);
    const gaps = idle.slice(1).map((at, i) => at - idle[i]);
    expect(gaps[gaps.length - 1]).toBeGreaterThanOrEqual(15);
    expect(Math.max(...gaps)).toBeLessThan(200);
  });

  it('does not ack a batch whose handler throws, retries transient failures, and carries on after a refused ack', async () => {
    let gets = 0;
    let puts = 0;
    const retrace = fakeRetrace(({ method }) => {
      if (method === 'PUT') {
        puts++;
        if (puts === 1) return new TypeError('fetch failed');
        return puts === 2 ? { status: 503, body: { error: { code: 'DEPENDENCY_DOWN', message: 'down' } } } : { status: 201, body: {} };
      }
      if (method === 'POST') return { status: 409, body: { error: { code: 'STALE_ACK', message: 'stale', details: { currentPosition: 5 } } } };
      gets++;
      return { status: 200, body: { events: [event(gets)], cursor: gets, leaseId: `l${gets}`, committedPosition: 0 } };
    });
    const fetch = retrace.fetch;
    let calls = 0;
    const sut = subscribe(
      'flaky',
      () => {
        calls++;
        if (calls === 1) throw new Error('handler broke');
      },
      { url: 'http://retrace.test', minBackoffMs: 1, maxBackoffMs: 2, fetch, logger: quiet },
    );
    await sut.ready();
    await until(() => calls >= 3);
    await sut.close();
    expect(puts).toBe(3);
    const acked = retrace.calls.filter((c) => c.method === 'POST').map((c) => (c.body as { position: number }).position);
    expect(acked.slice(0, 2)).toEqual([2, 3]);
  });

  it('stops on a refusal that retrying cannot fix, and when its signal aborts', async () => {
    const refused = fakeRetrace(() => ({ status: 400, body: { error: { code: 'INVALID_INPUT', message: 'filter.types[0] must be …' } } }));
    const sut = subscribe('x', () => undefined, { url: 'http://retrace.test', fetch: refused.fetch, logger: quiet });
    await expect(sut.running).rejects.toMatchObject({ status: 400, code: 'INVALID_INPUT', transient: false });

    const idle = fakeRetrace(({ method }) => (method === 'PUT' ? { status: 200, body: {} } : { status: 200, body: { events: [], committedPosition: 0 } }));
    const controller = new AbortController();
    const stopped = subscribe('y', () => undefined, { url: 'http://retrace.test', fetch: idle.fetch, signal: controller.signal, maxBackoffMs: 60_000, logger: quiet });
    await stopped.ready();
    await until(() => idle.calls.length >= 3);
    controller.abort();
    await expect(stopped.running).resolves.toBeUndefined();
  });
});
