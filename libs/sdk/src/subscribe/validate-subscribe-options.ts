import { SUBSCRIPTION_NAME_PATTERN } from '@retrace/domain';
import type { SubscribeLogger, SubscribeOptions } from './subscription-types';

/** `subscribe` refused its arguments; thrown before anything is sent, listing every problem. */
export class InvalidSubscribeOptionsError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`subscribe refused its arguments:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'InvalidSubscribeOptionsError';
  }
}

/** {@link SubscribeOptions} checked, with every default filled in. */
export interface ResolvedSubscribeOptions {
  url: string;
  apiKey?: string;
  definition: { filter: NonNullable<SubscribeOptions['filter']>; startAt?: 'beginning' | 'end'; ackTimeoutMs?: number };
  batchSize: number;
  minBackoffMs: number;
  maxBackoffMs: number;
  requestTimeoutMs: number;
  signal?: AbortSignal;
  logger: SubscribeLogger;
  fetch: typeof fetch;
}

const KNOWN = ['url', 'apiKey', 'filter', 'startAt', 'ackTimeoutMs', 'batchSize', 'minBackoffMs', 'maxBackoffMs', 'requestTimeoutMs', 'signal', 'logger', 'fetch'];

function integer(problems: string[], name: string, value: unknown, fallback: number, min: number, max: number): number {
  const n = value ?? fallback;
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < min || n > max) problems.push(`options.${name} must be an integer from ${min} to ${max}, got ${JSON.stringify(n)}`);
  return n as number;
}

/** @throws InvalidSubscribeOptionsError listing every problem. */
export function validateSubscribeOptions(name: unknown, handler: unknown, options: SubscribeOptions): ResolvedSubscribeOptions {
  const problems: string[] = [];
  if (typeof name !== 'string' || !SUBSCRIPTION_NAME_PATTERN.test(name)) {
    problems.push(`name must be 1-100 lowercase letters, digits, '.', '_' or '-', starting with a letter (e.g. billing.projector), got ${JSON.stringify(name)}`);
  }
  if (typeof handler !== 'function') problems.push('handler must be a function (events, ctx) => Promise<void>');
  if (typeof options !== 'object' || options === null) throw new InvalidSubscribeOptionsError([...problems, 'options must be an object with at least url']);
  for (const key of Object.keys(options)) if (!KNOWN.includes(key)) problems.push(`options.${key} is not an option; known: ${KNOWN.join(', ')}`);
  if (typeof options.url !== 'string' || !/^https?:\/\//.test(options.url) || !URL.canParse(options.url)) {
    problems.push(`options.url must be Retrace's http:// or https:// base URL, got ${JSON.stringify(options.url)}`);
  }
  if (options.apiKey !== undefined && (typeof options.apiKey !== 'string' || options.apiKey === '')) problems.push('options.apiKey must be a non-empty string');
  const filter = options.filter ?? {};
  if (typeof filter !== 'object' || filter === null || Array.isArray(filter)) problems.push('options.filter must be an object {types?, saga?, streamPrefix?}');
  if (options.startAt !== undefined && options.startAt !== 'beginning' && options.startAt !== 'end') problems.push(`options.startAt must be "beginning" or "end"`);
  const batchSize = integer(problems, 'batchSize', options.batchSize, 100, 1, 1000);
  const minBackoffMs = integer(problems, 'minBackoffMs', options.minBackoffMs, 100, 1, 600_000);
  const maxBackoffMs = integer(problems, 'maxBackoffMs', options.maxBackoffMs, 5000, minBackoffMs, 600_000);
  const requestTimeoutMs = integer(problems, 'requestTimeoutMs', options.requestTimeoutMs, 30_000, 1, 600_000);
  if (options.ackTimeoutMs !== undefined) integer(problems, 'ackTimeoutMs', options.ackTimeoutMs, 0, 100, 3_600_000);
  const logger = options.logger ?? { warn: console.warn, error: console.error };
  if (typeof logger.warn !== 'function' || typeof logger.error !== 'function') problems.push('options.logger must have warn() and error() methods; console fits');
  const fetchFn = options.fetch ?? globalThis.fetch;
  if (typeof fetchFn !== 'function') problems.push('options.fetch must be a fetch function (Node.js ≥ 18 has a global one)');
  if (problems.length > 0) throw new InvalidSubscribeOptionsError(problems);
  const definition = { filter, ...(options.startAt ? { startAt: options.startAt } : {}), ...(options.ackTimeoutMs ? { ackTimeoutMs: options.ackTimeoutMs } : {}) };
  return { url: options.url, apiKey: options.apiKey, definition, batchSize, minBackoffMs, maxBackoffMs, requestTimeoutMs, signal: options.signal, logger, fetch: fetchFn };
}
