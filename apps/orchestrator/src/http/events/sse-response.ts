import type { ServerResponse } from 'node:http';
import type { FastifyReply } from 'fastify';

/**
 * A server-sent event stream on a Fastify reply, written to the node response underneath once
 * opened (the reply is hijacked: Fastify sends nothing of its own after that). A write that fills the socket's buffer makes
 * the next `send` wait for 'drain', so a slow client holds the log reading back instead of growing
 * a buffer here. An idle stream gets a `: keep-alive` comment every `heartbeatMs`. `signal` aborts
 * when the client goes away, or when `ended` (the app shutting down) aborts.
 */
export class SseResponse {
  private readonly abort = new AbortController();
  private heartbeat: NodeJS.Timeout | undefined;
  private drained: Promise<void> | null = null;

  private readonly res: ServerResponse;

  constructor(private readonly reply: FastifyReply) {
    this.res = reply.raw;
    this.res.on('close', () => this.abort.abort());
  }

  get signal(): AbortSignal {
    return this.abort.signal;
  }

  /** Sends the headers at once (so the client knows it is connected) and starts the heartbeat. */
  open(heartbeatMs: number, ended: AbortSignal): void {
    ended.addEventListener('abort', () => this.abort.abort(), { once: true, signal: this.signal });
    this.reply.hijack();
    this.res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      Connection: 'keep-alive',
      // nginx buffers responses unless told not to.
      'X-Accel-Buffering': 'no',
    });
    this.res.flushHeaders();
    this.heartbeat = setInterval(() => {
      if (this.drained === null) void this.send(': keep-alive\n\n');
    }, heartbeatMs);
  }

  /** Writes a chunk; resolves once the client can take more (or is gone). */
  async send(chunk: string): Promise<void> {
    if (this.signal.aborted) return;
    if (!this.res.write(chunk)) {
      this.drained ??= new Promise<void>((resolve) => {
        const done = () => {
          this.res.off('drain', done);
          this.signal.removeEventListener('abort', done);
          this.drained = null;
          resolve();
        };
        this.res.on('drain', done);
        this.signal.addEventListener('abort', done, { once: true });
      });
    }
    await this.drained;
  }

  /** Ends the stream; a client that stopped reading is cut off rather than waited for. */
  close(): void {
    clearInterval(this.heartbeat);
    this.abort.abort();
    if (this.res.writableNeedDrain) this.res.destroy();
    else if (!this.res.writableEnded) this.res.end();
  }
}
