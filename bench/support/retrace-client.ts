import { Agent, request } from 'node:http';

/** Connections per orchestrator; more requests wait in the agent's queue (their time counts, as a producer's would). */
const MAX_SOCKETS = 64;

class StaleSocketError extends Error {}

/**
 * The few calls of Retrace's HTTP API the bench makes, over keep-alive node:http (no connect
 * timeout: an overloaded orchestrator makes requests wait, not fail); any non-2xx answer throws
 * with its body.
 */
export class RetraceClient {
  private readonly agent = new Agent({ keepAlive: true, maxSockets: MAX_SOCKETS });

  constructor(private readonly url: string) {}

  /** Registers a saga of no-op queue steps `<queuePrefix>.<step>` (irreversible: no compensation). */
  async registerNoopSaga(name: string, queuePrefix: string, steps: readonly string[]): Promise<void> {
    await this.call('PUT', `/v1/sagas/${name}`, {
      version: 1,
      description: 'retrace bench: no-op steps',
      steps: steps.map((step) => ({ name: step, action: { queue: `${queuePrefix}.${step}` }, compensation: null })),
    });
  }

  async publish(message: { saga: string; id: string; correlationId?: string; payload?: Record<string, unknown> }): Promise<void> {
    await this.call('POST', '/v1/messages', message);
  }

  createOperation(body: Record<string, unknown>): Promise<{ id: string; matched: number }> {
    return this.call('POST', '/v1/admin/operations', body);
  }

  getOperation(id: string): Promise<{ status: string; total: number; done: number; succeeded: number; failed: number; skipped: number }> {
    return this.call('GET', `/v1/admin/operations/${id}`);
  }

  startRebuild(reason: string): Promise<{ id: string }> {
    return this.call('POST', '/v1/admin/projections/rebuild', { reason });
  }

  getRebuild(id: string): Promise<{ status: string; eventsApplied: number; error: string | null; changes: unknown; startedAt: string; finishedAt: string | null }> {
    return this.call('GET', `/v1/admin/projections/rebuilds/${id}`);
  }

  /** Closes the kept-alive connections. */
  close(): void {
    this.agent.destroy();
  }

  /**
   * One call; retried once when a kept-alive socket turned out closed by the server (its idle
   * timeout raced the reuse: ECONNRESET on a reused socket, as the node:http docs describe). Every
   * call the bench makes is idempotent (publish carries its id), so a retry cannot duplicate work.
   */
  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    try {
      return await this.send<T>(method, path, payload);
    } catch (error) {
      if (!(error instanceof StaleSocketError)) throw error;
      return this.send<T>(method, path, payload);
    }
  }

  private send<T>(method: string, path: string, payload: string | undefined): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const req = request(
        `${this.url}${path}`,
        { method, agent: this.agent, headers: payload === undefined ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (text += chunk));
          res.on('error', reject);
          res.on('end', () => {
            const status = res.statusCode ?? 0;
            if (status < 200 || status >= 300) reject(new Error(`${method} ${path} answered ${status}: ${text.slice(0, 500)}`));
            else resolve((text ? JSON.parse(text) : undefined) as T);
          });
        },
      );
      req.on('error', (error: NodeJS.ErrnoException) => {
        const message = `${method} ${path} failed: ${error.message}`;
        reject(req.reusedSocket && error.code === 'ECONNRESET' ? new StaleSocketError(message, { cause: error }) : new Error(message, { cause: error }));
      });
      req.end(payload);
    });
  }
}
