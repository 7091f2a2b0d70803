import { Agent, request } from 'node:http';

/** One request as the fuzzer builds it: everything raw, so it can be as wrong as a client can make it. */
export interface FuzzRequest {
  /** The route it was built from (`GET /v1/messages/:id`), for the report. */
  readonly route: string;
  readonly method: string;
  /** Already percent-encoded (or deliberately not): sent as is. */
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body?: Buffer;
  /** Which key it carries, for the report. */
  readonly caller: string;
}

export interface FuzzResponse {
  status: number;
  contentType: string;
  body: string;
}

const TIMEOUT_MS = 15_000;

/**
 * Sends requests over one keep-alive agent with `node:http`, which (unlike fetch) sends odd methods,
 * raw paths and any body. A server-sent event stream answers with its headers and is then cut off:
 * a live tail never ends on its own.
 */
export class FuzzClient {
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 1 });

  constructor(private readonly port: number) {}

  send(req: FuzzRequest): Promise<FuzzResponse> {
    return new Promise((resolve, reject) => {
      const headers = { ...req.headers, ...(req.body ? { 'content-length': String(req.body.length) } : {}) };
      const outgoing = request({ host: '127.0.0.1', port: this.port, method: req.method, path: req.path, headers, agent: this.agent }, (res) => {
        const contentType = String(res.headers['content-type'] ?? '');
        if (contentType.startsWith('text/event-stream')) {
          resolve({ status: res.statusCode ?? 0, contentType, body: '' });
          res.destroy();
          return;
        }
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, contentType, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      });
      outgoing.setTimeout(TIMEOUT_MS, () => outgoing.destroy(new Error(`no answer within ${TIMEOUT_MS} ms`)));
      outgoing.on('error', reject);
      outgoing.end(req.body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}
