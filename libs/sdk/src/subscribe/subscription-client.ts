import { RetraceHttpError } from './retrace-http.error';
import type { SubscriptionEvent, SubscriptionFilter } from './subscription-types';

/** The answer of `GET /v1/subscriptions/{name}/next`; `cursor` and `leaseId` come with a batch to ack. */
export interface NextBatchAnswer {
  events: SubscriptionEvent[];
  cursor?: number;
  leaseId?: string;
  leasedUntil?: string;
  committedPosition: number;
}

export interface ClientConfig {
  url: string;
  apiKey?: string;
  requestTimeoutMs: number;
  fetch: typeof fetch;
}

/** The three calls a subscriber makes, over HTTP. */
export class SubscriptionClient {
  constructor(private readonly config: ClientConfig) {}

  async define(name: string, body: { filter: SubscriptionFilter; startAt?: string; ackTimeoutMs?: number }): Promise<void> {
    await this.call('PUT', `/v1/subscriptions/${encodeURIComponent(name)}`, body);
  }

  next(name: string, limit: number): Promise<NextBatchAnswer> {
    return this.call('GET', `/v1/subscriptions/${encodeURIComponent(name)}/next?limit=${limit}`) as Promise<NextBatchAnswer>;
  }

  async ack(name: string, position: number, leaseId: string | undefined): Promise<void> {
    await this.call('POST', `/v1/subscriptions/${encodeURIComponent(name)}/ack`, leaseId === undefined ? { position } : { position, leaseId });
  }

  private async call(method: string, path: string, body?: unknown): Promise<unknown> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (this.config.apiKey !== undefined) headers.authorization = `Bearer ${this.config.apiKey}`;
    const res = await this.config.fetch(new URL(path, this.config.url), {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(this.config.requestTimeoutMs),
    });
    const text = await res.text();
    const json = parseJson(text);
    if (res.ok) return json;
    const error = (json as { error?: { code?: string; message?: string; details?: unknown } } | null)?.error;
    throw new RetraceHttpError(res.status, error?.code ?? 'HTTP_ERROR', error?.message ?? `${method} ${path} answered ${res.status}`, error?.details);
  }
}

function parseJson(text: string): unknown {
  try {
    return text === '' ? null : (JSON.parse(text) as unknown);
  } catch {
    return null;
  }
}
