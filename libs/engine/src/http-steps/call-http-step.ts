import type { StepFailedReply, StepJobData } from '@retrace/domain';
import { discardBody, readBodyPrefix } from './read-body';

/** How an HTTP step's attempt ended: a result, or an error the reply carries as is. */
export type HttpStepOutcome =
  | { ok: true; result: unknown }
  | { ok: false; error: Required<StepFailedReply['error']> };

export interface CallHttpStepOptions {
  /** Larger 2xx bodies fail the step (permanently). Default {@link DEFAULT_MAX_RESPONSE_BYTES}. */
  maxResponseBytes?: number;
}

/** 1 MiB: a step result is kept in the log and handed to every later step, so it must stay small. */
export const DEFAULT_MAX_RESPONSE_BYTES = 1024 * 1024;
// Step definitions always carry a timeout; this covers a job written by hand without one.
const DEFAULT_TIMEOUT_MS = 30_000;
const SNIPPET_CHARS = 500;
// 500 characters of UTF-8 take at most 2000 bytes.
const SNIPPET_BYTES = SNIPPET_CHARS * 4;
// setTimeout fires at once beyond 2^31 − 1 ms.
const MAX_TIMER_MS = 2_147_483_647;
const RETRYABLE_STATUSES = new Set([408, 429]);

/**
 * Sends one attempt of an HTTP step as API.md "HTTP steps" describes and classifies the answer:
 * 2xx succeeds with the JSON body as result; 408, 429, 5xx, network errors and timeouts are
 * retryable; other 4xx and 3xx (redirects are not followed) are permanent. Never throws: every
 * outcome, including an `signal` abort, comes back as an {@link HttpStepOutcome}.
 *
 * `data.timeoutMs` bounds the whole attempt, reading the body included.
 */
export async function callHttpStep(
  data: StepJobData,
  info: { jobId: string; attempt: number },
  signal?: AbortSignal,
  options: CallHttpStepOptions = {},
): Promise<HttpStepOutcome> {
  if (data.http === undefined) return permanent('NOT_HTTP_STEP', `job ${info.jobId} has no http target; it was sent to the wrong queue`);
  const method = (data.http.method || 'POST').toUpperCase();
  const url = parseHttpUrl(data.http.url);
  if (url === null) return permanent('INVALID_URL', `step url ${JSON.stringify(data.http.url)} is not an absolute http(s) URL`);
  // Query and credentials stay out of messages: they are stored in the log and shown to operators.
  const label = `${method} ${url.origin}${url.pathname}`;
  const timeoutMs = Number.isFinite(data.timeoutMs) && data.timeoutMs > 0 ? Math.min(data.timeoutMs, MAX_TIMER_MS) : DEFAULT_TIMEOUT_MS;
  const timeout = AbortSignal.timeout(timeoutMs);
  const combined = signal === undefined ? timeout : AbortSignal.any([timeout, signal]);
  try {
    const response = await fetch(url, {
      method,
      headers: requestHeaders(data, info),
      // GET and HEAD carry no body (fetch refuses one): such a step gets the headers only, so it
      // should not rely on payload or results. The body is not repeated as query parameters.
      body: method === 'GET' || method === 'HEAD' ? undefined : JSON.stringify(requestBody(data, info)),
      redirect: 'manual',
      signal: combined,
    });
    return await classify(response, label, options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES);
  } catch (error) {
    if (timeout.aborted) return retryable('TIMEOUT', `${label} timed out after ${timeoutMs} ms`);
    if (signal?.aborted === true) return retryable('ABORTED', `${label} was interrupted: ${String(signal.reason)}`);
    const cause = (error as { cause?: { code?: unknown; message?: unknown } }).cause;
    const code = typeof cause?.code === 'string' ? cause.code : 'NETWORK_ERROR';
    const reason = typeof cause?.message === 'string' ? cause.message : (error as Error).message;
    return retryable(code, `${label} failed: ${reason}`);
  }
}

function requestHeaders(data: StepJobData, info: { jobId: string }): Headers {
  // The step's own headers first, so they cannot override the protocol's.
  const headers = new Headers(data.http?.headers ?? {});
  headers.set('Content-Type', 'application/json');
  headers.set('Idempotency-Key', info.jobId);
  headers.set('Retrace-Message-Id', data.messageId);
  headers.set('Retrace-Run-Id', data.runId);
  if (data.replayOf !== null) headers.set('Retrace-Replay-Of', data.replayOf);
  else headers.delete('Retrace-Replay-Of');
  return headers;
}

function requestBody(data: StepJobData, info: { attempt: number }) {
  const { messageId, saga, sagaVersion, step, kind, runId, payload, results } = data;
  return { messageId, saga, sagaVersion, step, kind, runId, attempt: info.attempt, payload, results };
}

async function classify(response: Response, label: string, maxBytes: number): Promise<HttpStepOutcome> {
  const { status } = response;
  if (status >= 200 && status < 300) {
    const tooLarge = `${label} answered ${status} with a body over ${maxBytes} bytes; return an id and keep large data in the service`;
    if (Number(response.headers.get('content-length')) > maxBytes) {
      await discardBody(response);
      return permanent('RESPONSE_TOO_LARGE', tooLarge);
    }
    const body = await readBodyPrefix(response, maxBytes);
    if (!body.complete) return permanent('RESPONSE_TOO_LARGE', tooLarge);
    return { ok: true, result: parseJsonOrNull(body.bytes) };
  }
  const code = `HTTP_${status}`;
  if (status >= 300 && status < 400) {
    await discardBody(response);
    const location = response.headers.get('location');
    const where = location === null ? '' : ` to ${location}`;
    return permanent(code, `${label} answered ${status} (redirect${where}); redirects are not followed — set the step's url to the final address`);
  }
  const snippet = await bodySnippet(response);
  if (status >= 500 || RETRYABLE_STATUSES.has(status)) return retryable(code, `${label} answered ${status}${snippet}`);
  return permanent(code, `${label} answered ${status}${snippet} (a 4xx other than 408 and 429 is not retried)`);
}

/** A non-JSON or empty 2xx body is a success without a result, not a failure. */
function parseJsonOrNull(bytes: Buffer): unknown {
  const text = bytes.toString('utf8');
  if (text.trim() === '') return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

async function bodySnippet(response: Response): Promise<string> {
  const { bytes } = await readBodyPrefix(response, SNIPPET_BYTES);
  const text = bytes.toString('utf8').replace(/\s+/g, ' ').trim();
  if (text === '') return '';
  return `: ${text.length > SNIPPET_CHARS ? `${text.slice(0, SNIPPET_CHARS - 1)}…` : text}`;
}

function parseHttpUrl(raw: string): URL | null {
  try {
    const url = new URL(raw);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}

const permanent = (code: string, message: string): HttpStepOutcome => ({ ok: false, error: { code, message, permanent: true } });
const retryable = (code: string, message: string): HttpStepOutcome => ({ ok: false, error: { code, message, permanent: false } });
