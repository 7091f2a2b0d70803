import { ApiError, UnreachableError } from './exit-codes';

export type Query = Record<string, string | number | undefined>;

export interface Answer<T> {
  status: number;
  body: T;
}

/** The admin API over HTTP with the global fetch; errors become {@link ApiError} or {@link UnreachableError}. */
export class RetraceClient {
  readonly base: string;

  constructor(
    url: string,
    private readonly apiKey: string | undefined,
    private readonly fetchImpl: typeof fetch = globalThis.fetch,
  ) {
    this.base = url.replace(/\/+$/, '');
  }

  async get<T>(path: string, query: Query = {}): Promise<T> {
    return (await this.call<T>('GET', path, { query })).body;
  }

  async post<T>(path: string, body: unknown): Promise<T> {
    return (await this.call<T>('POST', path, { body })).body;
  }

  async call<T>(method: string, path: string, init: { query?: Query; body?: unknown } = {}): Promise<Answer<T>> {
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(init.query ?? {})) if (value !== undefined) search.set(key, String(value));
    const url = `${this.base}${path}${search.size > 0 ? `?${search.toString()}` : ''}`;
    const headers: Record<string, string> = { accept: 'application/json' };
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    if (this.apiKey) headers.authorization = `Bearer ${this.apiKey}`;
    let res: Response;
    try {
      res = await this.fetchImpl(url, { method, headers, body: init.body === undefined ? undefined : JSON.stringify(init.body), signal: AbortSignal.timeout(30_000) });
    } catch (error) {
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      const why = cause?.code ?? cause?.message ?? (error as Error).message;
      throw new UnreachableError(`cannot reach Retrace at ${this.base} (${why}); check --url or RETRACE_URL`);
    }
    const text = await res.text();
    let body: unknown;
    try {
      body = text === '' ? null : JSON.parse(text);
    } catch {
      body = text;
    }
    if (!res.ok) {
      const error = (body as { error?: { code?: unknown; message?: unknown; details?: unknown } } | null)?.error;
      const code = typeof error?.code === 'string' ? error.code : `HTTP_${res.status}`;
      const message = typeof error?.message === 'string' ? error.message : `${method} ${path} answered ${res.status} ${text.slice(0, 200)}`;
      throw new ApiError(res.status, code, message, error?.details);
    }
    return { status: res.status, body: body as T };
  }
}

/** A path segment from user input, so an id with `/` or `?` cannot change the route. */
export const seg = (value: string) => encodeURIComponent(value);
