import { ApiError } from './api-error';
import type { DryRun, Me, Message, MessageEvent, MessagePage, Operation, OperationRequest, ResetResult, Saga, Subscription, TransitionStats } from './api-types';

export interface MessageQuery {
  status?: string[];
  saga?: string;
  q?: string;
  from?: string;
  to?: string;
  cursor?: string;
  limit?: number;
}

export interface ReplayRequest {
  reason: string;
  mode: 'resume' | 'restart';
  fromStep?: string;
  force?: boolean;
  patch?: Record<string, unknown>;
}

const query = (params: Record<string, string | number | undefined>): string => {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') search.set(k, String(v));
  const text = search.toString();
  return text ? `?${text}` : '';
};

const seg = encodeURIComponent;

/**
 * The admin HTTP API as API.md defines it, typed. Every call carries `Authorization: Bearer <key>`
 * when there is a key; a refusal throws {@link ApiError} with the server's code and message.
 */
export class ApiClient {
  constructor(
    private readonly apiKey: string | null,
    private readonly baseUrl = '',
  ) {}

  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (this.apiKey) headers.Authorization = `Bearer ${this.apiKey}`;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    let res: Response;
    try {
      res = await fetch(`${this.baseUrl}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    } catch (error) {
      throw new ApiError(0, 'NETWORK', `the server did not answer: ${(error as Error).message}`);
    }
    const text = await res.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = null; // not JSON (a proxy's error page): the text is shown instead
    }
    if (!res.ok) {
      const error = (json as { error?: { code?: string; message?: string; details?: unknown } } | null)?.error;
      throw new ApiError(res.status, error?.code ?? `HTTP_${res.status}`, error?.message ?? (text.slice(0, 300) || res.statusText), error?.details);
    }
    return json as T;
  }

  me = () => this.request<Me>('GET', '/v1/me');

  listMessages = (q: MessageQuery) =>
    this.request<MessagePage>('GET', `/v1/messages${query({ ...q, status: q.status?.join(',') })}`);
  getMessage = (id: string) => this.request<Message>('GET', `/v1/messages/${seg(id)}`);
  messageEvents = (id: string) => this.request<{ events: MessageEvent[] }>('GET', `/v1/messages/${seg(id)}/events`);

  retract = (id: string, reason: string) => this.request<Message>('POST', `/v1/admin/messages/${seg(id)}/retract`, { reason });
  cancel = (id: string, reason: string) => this.request<Message>('POST', `/v1/admin/messages/${seg(id)}/cancel`, { reason });
  undo = (id: string, reason: string, force: boolean) => this.request<Message>('POST', `/v1/admin/messages/${seg(id)}/undo`, { reason, force });
  replay = (id: string, body: ReplayRequest) => this.request<Message>('POST', `/v1/admin/messages/${seg(id)}/replay`, body);

  dryRunOperation = (body: OperationRequest) => this.request<DryRun>('POST', '/v1/admin/operations', { ...body, dryRun: true });
  createOperation = (body: OperationRequest) => this.request<{ id: string; matched: number }>('POST', '/v1/admin/operations', { ...body, dryRun: false });
  listOperations = (limit = 50) => this.request<{ items: Operation[] }>('GET', `/v1/admin/operations${query({ limit })}`);
  getOperation = (id: string) => this.request<Operation>('GET', `/v1/admin/operations/${seg(id)}`);
  cancelOperation = (id: string, reason: string) => this.request<Operation>('POST', `/v1/admin/operations/${seg(id)}/cancel`, { reason });

  listSubscriptions = () => this.request<{ items: Subscription[] }>('GET', '/v1/subscriptions');
  resetSubscription = (name: string, body: { toPosition?: number; toTime?: string; reason: string; dryRun: boolean }) =>
    this.request<ResetResult>('POST', `/v1/admin/subscriptions/${seg(name)}/reset`, body);

  listSagas = () => this.request<{ items: Saga[] }>('GET', '/v1/sagas');
  transitions = (params: { saga?: string; from?: string; to?: string }) =>
    this.request<TransitionStats>('GET', `/v1/admin/stats/transitions${query(params)}`);
}
