import type { HttpStepMethod, StepTarget } from './saga-definition';
import { childPath } from '../validation/child-path';
import type { IssueList } from '../validation/issue-list';
import { readEnum } from '../validation/read-enum';
import { field, isPlainObject, readObject } from '../validation/read-object';
import { readString } from '../validation/read-string';
import { describeValue } from '../validation/describe-value';
import { SAGA_DEFINITION_LIMITS as LIMITS } from './parse-saga-limits';

/**
 * A queue name: 1-128 characters, letters, digits, `.`, `_` and `-`, starting with a letter or
 * digit. No `:`, which BullMQ uses to build its Redis keys and refuses in queue names.
 */
export const QUEUE_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

/** The methods an HTTP step may use; `POST` when not given. */
export const HTTP_STEP_METHODS: readonly HttpStepMethod[] = ['POST', 'PUT', 'PATCH', 'DELETE', 'GET'];

type HttpTarget = Extract<StepTarget, { http: unknown }>['http'];

const TARGET_EXPECTED = '{"queue": "<queue name>"} or {"http": {"url": "https://…"}}';
const QUEUE_RULE =
  "a string of 1-128 characters: letters, digits, '.', '_' or '-', starting with a letter or digit; " +
  "no ':' (BullMQ refuses queue names that contain it)";
const URL_RULE = `an absolute http:// or https:// URL of at most ${LIMITS.maxUrlLength} characters`;
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,256}$/;
const HEADER_VALUE = /^[\t\x20-\x7E]*$/;

const OWN_HEADERS = new Map([
  ['content-type', 'is set by Retrace itself (application/json); remove it'],
  ['idempotency-key', 'is set by Retrace itself (the job id, the same on every retry of the job); remove it'],
]);
const CONNECTION_HEADERS = ['host', 'content-length', 'transfer-encoding', 'connection', 'keep-alive', 'upgrade', 'expect'];

/**
 * Reads where a step's action or compensation runs: exactly one of `{"queue": name}` (see
 * {@link QUEUE_NAME_PATTERN}) or `{"http": {url, method?, headers?}}` (see {@link readHttpTarget}).
 */
export function readStepTarget(
  issues: IssueList,
  value: unknown,
  path: string,
  rule: { required?: boolean } = {},
): StepTarget | undefined {
  const target = readObject(issues, value, path, { keys: ['queue', 'http'], expected: TARGET_EXPECTED, ...rule });
  if (target === undefined) return undefined;
  const hasQueue = Object.hasOwn(target, 'queue');
  const hasHttp = Object.hasOwn(target, 'http');
  if (hasQueue && hasHttp) return issues.add(path, `must have exactly one of queue or http (got both): ${TARGET_EXPECTED}`);
  if (!hasQueue && !hasHttp) return issues.add(path, `must be ${TARGET_EXPECTED} (got an object with neither)`);
  if (hasQueue) {
    const queue = readString(issues, target.queue, childPath(path, 'queue'), { expected: QUEUE_RULE, pattern: QUEUE_NAME_PATTERN });
    if (queue !== undefined && /^retrace\./i.test(queue)) {
      return issues.add(
        childPath(path, 'queue'),
        `must not start with 'retrace.' (got ${JSON.stringify(queue)}): Retrace uses those queues itself for replies and HTTP steps`,
      );
    }
    return queue === undefined ? undefined : { queue };
  }
  const http = readHttpTarget(issues, target.http, childPath(path, 'http'));
  return http === undefined ? undefined : { http };
}

/**
 * Reads `{url, method?, headers?}`. `url` is an absolute http(s) URL without credentials (fetch
 * refuses those). `method` stays absent when not given (Retrace then POSTs). `headers` may not set
 * what Retrace sets itself (Content-Type, Idempotency-Key, Retrace-*) nor what the HTTP client owns
 * (Host, Content-Length, Transfer-Encoding, Connection, Keep-Alive, Upgrade, Expect).
 */
export function readHttpTarget(issues: IssueList, value: unknown, path: string): HttpTarget | undefined {
  const http = readObject(issues, value, path, {
    keys: ['url', 'method', 'headers'],
    expected: 'an object {"url": "https://…", "method"?: "POST", "headers"?: {…}}',
    required: true,
  });
  if (http === undefined) return undefined;
  const url = readUrl(issues, field(http, 'url'), childPath(path, 'url'));
  const method = readEnum(issues, field(http, 'method'), childPath(path, 'method'), HTTP_STEP_METHODS);
  const rawHeaders = field(http, 'headers');
  const headers = rawHeaders === undefined ? undefined : readHeaders(issues, rawHeaders, childPath(path, 'headers'));
  if (url === undefined || (rawHeaders !== undefined && headers === undefined)) return undefined;
  return { url, ...(method !== undefined && { method }), ...(headers !== undefined && { headers }) };
}

function readUrl(issues: IssueList, value: unknown, path: string): string | undefined {
  const text = readString(issues, value, path, { expected: URL_RULE, maxLength: LIMITS.maxUrlLength, required: true });
  if (text === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return issues.add(path, `must be ${URL_RULE} (got ${describeValue(text)}, which is not a URL)`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return issues.add(path, `must be ${URL_RULE} (got a ${url.protocol} URL)`);
  }
  if (url.username !== '' || url.password !== '') {
    return issues.add(path, 'must not carry a user name or password (fetch refuses such URLs); send credentials in headers, e.g. Authorization');
  }
  return text;
}

function reservedHeaderReason(lower: string): string | undefined {
  if (OWN_HEADERS.has(lower)) return OWN_HEADERS.get(lower);
  if (lower.startsWith('retrace-')) {
    return 'is set by Retrace itself: Retrace-* headers are reserved (Retrace-Message-Id, Retrace-Run-Id, Retrace-Replay-Of); use another name';
  }
  if (CONNECTION_HEADERS.includes(lower)) return 'is managed by the HTTP client from the URL and the body; remove it';
  return undefined;
}

function readHeaders(issues: IssueList, value: unknown, path: string): Record<string, string> | undefined {
  const expected = `an object of at most ${LIMITS.maxHeaders} header names to string values`;
  if (!isPlainObject(value)) return issues.add(path, `must be ${expected} (got ${describeValue(value)})`);
  const names = Object.keys(value);
  if (names.length > LIMITS.maxHeaders) return issues.add(path, `must be ${expected} (got ${names.length} headers)`);
  const before = issues.count;
  const seen = new Map<string, string>();
  for (const name of names) {
    const at = childPath(path, name);
    const lower = name.toLowerCase();
    const reserved = reservedHeaderReason(lower);
    if (!HEADER_NAME.test(name)) {
      issues.add(at, `is not a valid header name: use 1-256 letters, digits or !#$%&'*+.^_\`|~- (got ${describeValue(name)})`);
    } else if (reserved !== undefined) issues.add(at, reserved);
    else if (seen.has(lower)) issues.add(at, `repeats header ${seen.get(lower)} (header names are case-insensitive); keep one`);
    seen.set(lower, seen.get(lower) ?? name);
    readString(issues, value[name], at, {
      expected: `a string of at most ${LIMITS.maxHeaderValueLength} printable ASCII characters or tabs, with no line breaks`,
      pattern: HEADER_VALUE,
      maxLength: LIMITS.maxHeaderValueLength,
      required: true,
    });
  }
  return issues.count > before ? undefined : Object.fromEntries(names.map((name) => [name, value[name] as string]));
}
