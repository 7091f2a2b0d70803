import type { SagaRegistration } from './saga';

/** The parts of the message view (API.md "Messages") the example reads. */
export interface MessageView {
  id: string;
  status: string;
  steps: { name: string; status: string; attempts: number; error: unknown }[];
}

export interface MessagePage {
  items: MessageView[];
  nextCursor: string | null;
}

/** Retrace answered with a status the caller did not expect; `code` is the API's error code. */
export class RetraceHttpError extends Error {
  constructor(
    readonly request: string,
    readonly status: number,
    readonly code: string | undefined,
    detail: string,
  ) {
    super(`${request} answered ${status}${code ? ` ${code}` : ''}: ${detail}`);
    this.name = 'RetraceHttpError';
  }
}

/** Retrace could not be reached at all. */
export class RetraceUnreachableError extends Error {
  constructor(baseUrl: string, cause: unknown) {
    const reason = (cause as { cause?: { message?: string } }).cause?.message ?? (cause as Error).message;
    super(`cannot reach Retrace at ${baseUrl} (${reason}); is it running? (REDIS_URL=redis://127.0.0.1:6379 npm start)`, { cause });
    this.name = 'RetraceUnreachableError';
  }
}

const REQUEST_TIMEOUT_MS = 15_000;
const PUBLISH_TRIES = 4;

/** The few calls of Retrace's HTTP API the example makes, as any service would: over HTTP. */
export class RetraceClient {
  constructor(
    private readonly baseUrl: string,
    private readonly apiKey?: string,
  ) {}

  /** `PUT /v1/sagas/{name}`: 201 registered, 200 the same version and body were there already. */
  async registerSaga(name: string, saga: SagaRegistration): Promise<'registered' | 'unchanged'> {
    const { status } = await this.request('PUT', `/v1/sagas/${encodeURIComponent(name)}`, saga, [200, 201]);
    return status === 201 ? 'registered' : 'unchanged';
  }

  /**
   * `POST /v1/messages` with the caller's id, retried on 5xx and network errors: publishing the
   * same id and body again is answered with the first answer, so a retry cannot publish twice.
   */
  async publish(message: { saga: string; id: string; payload: object; correlationId: string }): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.request('POST', '/v1/messages', message, [200, 202]);
        return;
      } catch (error) {
        const retryable = error instanceof RetraceUnreachableError || (error instanceof RetraceHttpError && error.status >= 500);
        if (!retryable || attempt >= PUBLISH_TRIES) throw error;
        await new Promise((resolve) => setTimeout(resolve, 250 * 2 ** attempt));
      }
    }
  }

  /** `GET /v1/messages?…`: one page, newest first. */
  async listMessages(query: Record<string, string>): Promise<MessagePage> {
    const { body } = await this.request('GET', `/v1/messages?${new URLSearchParams(query).toString()}`, undefined, [200]);
    return body as MessagePage;
  }

  /** `GET /v1/messages/{id}`, or undefined when Retrace does not know the id. */
  async getMessage(id: string): Promise<MessageView | undefined> {
    const { status, body } = await this.request('GET', `/v1/messages/${encodeURIComponent(id)}`, undefined, [200, 404]);
    return status === 404 ? undefined : (body as MessageView);
  }

  private async request(method: string, path: string, body: unknown, expected: number[]): Promise<{ status: number; body: unknown }> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (this.apiKey !== undefined) headers.authorization = `Bearer ${this.apiKey}`;
    let response: Response;
    try {
      response = await fetch(`${this.baseUrl}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
    } catch (error) {
      throw new RetraceUnreachableError(this.baseUrl, error);
    }
    const text = await response.text();
    const parsed = parseJson(text);
    if (!expected.includes(response.status)) {
      const apiError = (parsed as { error?: { code?: string; message?: string } } | null)?.error;
      throw new RetraceHttpError(`${method} ${path.split('?')[0]}`, response.status, apiError?.code, apiError?.message ?? text.slice(0, 300));
    }
    return { status: response.status, body: parsed };
  }
}

function parseJson(text: string): unknown {
  if (text === '') return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
