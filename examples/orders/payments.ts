import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chance } from './chance';

export interface PaymentsOptions {
  /** Share of orders whose card is declined (0 … 1); which ones is fixed by `seed`. */
  failRate: number;
  seed: string;
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0: any free port. */
  port?: number;
}

interface Answer {
  status: number;
  body: unknown;
}

interface Payment {
  paymentId: string;
  orderId: string;
  amountCents: number;
  refundId?: string;
}

const MAX_BODY_BYTES = 1024 * 1024;

/**
 * A card processor behind two HTTP steps, as Retrace calls them (API.md "HTTP steps"):
 * `POST /charge` answers 200 `{paymentId}` or 402 for a declined card (a 4xx: Retrace fails the
 * step at once, no retry); `POST /refund` refunds the payment the charge step returned. Each
 * answer is stored under the `Idempotency-Key` header and given again for the same key.
 */
export class PaymentsService {
  private server: Server | undefined;
  private readonly answers = new Map<string, Answer>();
  private readonly payments = new Map<string, Payment>();
  private readonly declinedOrders = new Set<string>();
  private readonly refundedOrders: string[] = [];
  /** Requests answered from the idempotency store instead of being processed again. */
  repeats = 0;
  charges = 0;

  constructor(private readonly options: PaymentsOptions) {}

  /** Whether the card of order number `seq` is declined under this fail rate and seed. */
  static declines(seq: number, failRate: number, seed: string): boolean {
    return chance(seed, `decline:${seq}`) < failRate;
  }

  /** Listens and resolves with the base URL, e.g. `http://127.0.0.1:7001`. */
  async start(): Promise<string> {
    const server = createServer((req, res) => void this.handle(req, res));
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.options.port ?? 0, this.options.host ?? '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    const { address, port } = server.address() as AddressInfo;
    return `http://${address.includes(':') ? `[${address}]` : address}:${port}`;
  }

  async close(): Promise<void> {
    const server = this.server;
    if (server === undefined) return;
    this.server = undefined;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections(); // Retrace keeps its connections alive
    await closed;
  }

  snapshot(): { charged: string[]; declined: string[]; refunded: string[]; repeats: number } {
    const charged = [...this.payments.values()].map((p) => p.orderId);
    return { charged, declined: [...this.declinedOrders], refunded: [...this.refundedOrders], repeats: this.repeats };
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const route = req.method === 'POST' ? req.url : undefined;
    if (route !== '/charge' && route !== '/refund') return send(res, { status: 404, body: error('NOT_FOUND', 'POST /charge or POST /refund') });
    const key = req.headers['idempotency-key'];
    if (typeof key !== 'string' || key === '') return send(res, { status: 400, body: error('NO_IDEMPOTENCY_KEY', 'the Idempotency-Key header is required') });
    let body: unknown;
    try {
      body = await readJson(req);
    } catch (e) {
      return send(res, { status: 400, body: error('BAD_BODY', (e as Error).message) });
    }
    const stored = `${route} ${key}`;
    const earlier = this.answers.get(stored);
    if (earlier) {
      this.repeats++;
      return send(res, earlier);
    }
    const answer = route === '/charge' ? this.charge(body) : this.refund(body);
    // 5xx would be retried under the same key and must be processed again; nothing here answers one.
    if (answer.status < 500) this.answers.set(stored, answer);
    send(res, answer);
  }

  private charge(body: unknown): Answer {
    const order = (body as { payload?: { orderId?: unknown; seq?: unknown; amountCents?: unknown } } | null)?.payload;
    if (typeof order?.orderId !== 'string' || typeof order.seq !== 'number' || typeof order.amountCents !== 'number') {
      return { status: 400, body: error('BAD_ORDER', 'payload.orderId (string), payload.seq and payload.amountCents (numbers) are required') };
    }
    this.charges++;
    if (PaymentsService.declines(order.seq, this.options.failRate, this.options.seed)) {
      this.declinedOrders.add(order.orderId);
      return { status: 402, body: error('CARD_DECLINED', `the card for ${order.orderId} was declined`) };
    }
    const payment = { paymentId: `pay-${this.payments.size + 1}`, orderId: order.orderId, amountCents: order.amountCents };
    this.payments.set(payment.paymentId, payment);
    return { status: 200, body: { paymentId: payment.paymentId, amountCents: payment.amountCents } };
  }

  /** Refunds `results.charge.paymentId`; a payment refunded before (another run) is not refunded twice. */
  private refund(body: unknown): Answer {
    const paymentId = (body as { results?: { charge?: { paymentId?: unknown } | null } } | null)?.results?.charge?.paymentId;
    const payment = typeof paymentId === 'string' ? this.payments.get(paymentId) : undefined;
    if (payment === undefined) return { status: 404, body: error('UNKNOWN_PAYMENT', `no payment ${JSON.stringify(paymentId)} to refund`) };
    if (payment.refundId === undefined) {
      payment.refundId = `ref-${this.refundedOrders.length + 1}`;
      this.refundedOrders.push(payment.orderId);
    }
    return { status: 200, body: { refundId: payment.refundId, paymentId: payment.paymentId } };
  }
}

function error(code: string, message: string) {
  return { error: { code, message } };
}

function send(res: ServerResponse, { status, body }: Answer): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new Error(`body over ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch {
    throw new Error('body is not JSON');
  }
}
