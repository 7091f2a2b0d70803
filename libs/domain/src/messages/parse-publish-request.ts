import type { JsonObject } from '../message/message-events';
import { readSagaName } from '../saga/parse-saga-name';
import { describeValue } from '../validation/describe-value';
import { IssueList } from '../validation/issue-list';
import { readEnum } from '../validation/read-enum';
import { readInteger } from '../validation/read-integer';
import { field, isPlainObject, readObject } from '../validation/read-object';
import { readString } from '../validation/read-string';

/** A checked `POST /v1/messages` body, defaults filled. */
export interface PublishRequest {
  saga: string;
  /** The caller's idempotency key, or `null` for a server-made id. */
  id: string | null;
  type: 'command' | 'event';
  payload: JsonObject;
  delayMs: number;
  correlationId: string | null;
}

/**
 * A message id: 1-128 letters, digits, `.`, `_` and `-`, starting with a letter or digit. No `:`
 * or `~`: the id is part of the queue job ids Retrace builds (BullMQ refuses `:`, `~` separates
 * the id's parts).
 */
export const MESSAGE_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

/** Bounds of a publish request (inclusive). */
export const PUBLISH_LIMITS = {
  /** 30 days. */
  maxDelayMs: 2_592_000_000,
  maxCorrelationIdLength: 200,
  /** Nesting of `payload` (itself level 1): deeper JSON is refused rather than risked in jsonb or a recursive comparison. */
  maxPayloadDepth: 64,
} as const;

const PUBLISH_KEYS = ['saga', 'id', 'type', 'payload', 'delayMs', 'correlationId'];
const ID_RULE =
  "a string of 1-128 characters: letters, digits, '.', '_' or '-', starting with a letter or digit; " +
  "no ':' or '~', because the id becomes part of queue job ids";

/**
 * Checks a publish body (`POST /v1/messages`), before its saga is looked up:
 * - `saga` (required): a saga name (see `SAGA_NAME_PATTERN`);
 * - `id` (optional, `null` = absent): an idempotency key matching {@link MESSAGE_ID_PATTERN};
 * - `type`: `command` (default) or `event`;
 * - `payload`: a JSON object (not an array, not `null`), default `{}`, at most 64 levels deep;
 * - `delayMs`: an integer from 0 (default) to 2 592 000 000 (30 days);
 * - `correlationId` (optional, `null` = absent): a string of 1-200 characters.
 * No other key is allowed.
 *
 * @throws InvalidInputError listing every issue found.
 * @example parsePublishRequest({ saga: 'order', payload: { orderId: 'o-1' } })
 */
export function parsePublishRequest(body: unknown): PublishRequest {
  const issues = new IssueList();
  const request = readObject(issues, body, '', {
    keys: PUBLISH_KEYS,
    expected: 'an object with key saga and optionally id, type, payload, delayMs, correlationId',
    required: true,
  });
  if (request === undefined) return issues.result<PublishRequest>(undefined);

  const saga = readSagaName(issues, field(request, 'saga'), 'saga', { required: true });
  const id = nullable(field(request, 'id'), (v) => readString(issues, v, 'id', { expected: ID_RULE, pattern: MESSAGE_ID_PATTERN }));
  const type = readEnum(issues, field(request, 'type'), 'type', ['command', 'event'] as const) ?? 'command';
  const payload = readPayload(issues, field(request, 'payload'));
  const delayMs = readInteger(issues, field(request, 'delayMs'), 'delayMs', {
    min: 0,
    max: PUBLISH_LIMITS.maxDelayMs,
    note: 'milliseconds, up to 30 days',
  });
  const correlationId = nullable(field(request, 'correlationId'), (v) =>
    readString(issues, v, 'correlationId', {
      expected: `a string of 1-${PUBLISH_LIMITS.maxCorrelationIdLength} characters`,
      minLength: 1,
      maxLength: PUBLISH_LIMITS.maxCorrelationIdLength,
    }),
  );

  if (saga === undefined) return issues.result<PublishRequest>(undefined);
  return issues.result<PublishRequest>({ saga, id, type, payload, delayMs: delayMs ?? 0, correlationId });
}

/** `null` and absent both mean "none"; a wrong value is reported by `read` and gives `null` here. */
function nullable(value: unknown, read: (value: unknown) => string | undefined): string | null {
  return value === null || value === undefined ? null : (read(value) ?? null);
}

function readPayload(issues: IssueList, value: unknown): JsonObject {
  if (value === undefined) return {};
  const expected = 'a JSON object (not an array or null); leave it out for {}';
  if (!isPlainObject(value)) return issues.add('payload', `must be ${expected} (got ${describeValue(value)})`) ?? {};
  if (depthExceeds(value, PUBLISH_LIMITS.maxPayloadDepth)) {
    issues.add('payload', `must be nested at most ${PUBLISH_LIMITS.maxPayloadDepth} levels deep`);
  }
  return value;
}

/** Iterative, so that a pathologically deep payload cannot overflow the stack while being measured. */
function depthExceeds(root: object, maxDepth: number): boolean {
  const stack: Array<[unknown, number]> = [[root, 1]];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const [value, depth] = next;
    if (typeof value !== 'object' || value === null) continue;
    if (depth > maxDepth) return true;
    for (const child of Object.values(value)) stack.push([child, depth + 1]);
  }
  return false;
}
