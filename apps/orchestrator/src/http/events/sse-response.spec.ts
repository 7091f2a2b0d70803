import { EventEmitter } from 'node:events';
import type { FastifyReply } from 'fastify';
import { SseResponse } from './sse-response';

/** The part of a node response SseResponse uses; `full` makes write() report a full buffer. */
class FakeResponse extends EventEmitter {
  written: string[] = [];
  headers: Record<string, string> = {};
  full = false;
  writableEnded = false;
  destroyed = false;
  get writableNeedDrain() {
    return this.full;
  }
  writeHead(_status: number, headers: Record<string, string>) {
    Object.assign(this.headers, headers);
    return this;
  }
  flushHeaders() {}
  write(chunk: string) {
    this.written.push(chunk);
    return !this.full;
  }
  end() {
    this.writableEnded = true;
  }
  destroy() {
    this.destroyed = true;
  }
}

const settled = async (promise: Promise<unknown>) => {
  let done = false;
  void promise.then(() => (done = true));
  await new Promise((resolve) => setImmediate(resolve));
  return done;
};

describe(SseResponse.name, () => {
  let res: FakeResponse;
  let sut: SseResponse;
  const never = new AbortController().signal;

  beforeEach(() => {
    jest.useFakeTimers({ doNotFake: ['setImmediate'] });
    res = new FakeResponse();
    sut = new SseResponse({ raw: res, hijack: () => undefined } as unknown as FastifyReply);
  });
  afterEach(() => {
    sut.close();
    jest.useRealTimers();
  });

  it('opens an event stream and sends a keep-alive comment when idle', () => {
    sut.open(1000, never);
    expect(res.headers['Content-Type']).toBe('text/event-stream; charset=utf-8');
    jest.advanceTimersByTime(2500);
    expect(res.written).toEqual([': keep-alive\n\n', ': keep-alive\n\n']);
  });

  it('waits for drain when the buffer is full, and sends no heartbeat meanwhile', async () => {
    sut.open(1000, never);
    res.full = true;
    const first = sut.send('a');
    expect(await settled(first)).toBe(false);
    jest.advanceTimersByTime(5000);
    expect(res.written).toEqual(['a']);

    res.full = false;
    res.emit('drain');
    expect(await settled(first)).toBe(true);
    await sut.send('b');
    expect(res.written).toEqual(['a', 'b']);
  });

  it('stops waiting when the client goes away, and cuts off a client that stopped reading', async () => {
    sut.open(1000, never);
    res.full = true;
    const pending = sut.send('a');
    res.emit('close');
    expect(await settled(pending)).toBe(true);
    expect(sut.signal.aborted).toBe(true);
    await sut.send('b');
    expect(res.written).toEqual(['a']);
    sut.close();
    expect(res.destroyed).toBe(true);
  });

  it('aborts when the app shuts down, and ends a healthy stream normally', () => {
    const app = new AbortController();
    sut.open(1000, app.signal);
    app.abort();
    expect(sut.signal.aborted).toBe(true);
    sut.close();
    expect(res.writableEnded).toBe(true);
    expect(res.destroyed).toBe(false);
  });
});
