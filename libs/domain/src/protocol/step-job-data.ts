import type { JsonObject, StepKind } from '../message/message-events';

/** The queue Retrace's own worker takes HTTP steps from. */
export const HTTP_STEP_QUEUE = 'retrace.http';

/** The queue workers send their replies to (docs/worker-protocol.md). */
export const REPLY_QUEUE = 'retrace.replies';

/**
 * The Redis stream a worker may append its replies to instead of adding reply jobs, when a step job
 * names it in `replyStream` (docs/worker-protocol.md, "Replies on the reply stream"). Its key is
 * `<prefix>:retrace.reply-stream`; each entry has one field, {@link REPLY_STREAM_FIELD}, holding the
 * reply as JSON.
 */
export const REPLY_STREAM = 'retrace.reply-stream';
export const REPLY_STREAM_FIELD = 'reply';
/** The Redis key of a reply stream (a job's `replyStream`) under a queue prefix. */
export const replyStreamKey = (prefix: string, stream: string = REPLY_STREAM): string => `${prefix}:${stream}`;

/**
 * What a step's BullMQ job carries: API.md's "HTTP steps" body, plus where to reply and what Retrace's
 * own HTTP worker needs. The job's id is `stepJobId(...)` — the handler's idempotency key — and its
 * name is `<saga>.<step>.<kind>`. The attempt is `job.attemptsMade + 1`.
 */
export interface StepJobData {
  messageId: string;
  saga: string;
  sagaVersion: number;
  step: string;
  kind: StepKind;
  runId: string;
  /** The run this one replays, or null on a first run: tells a replay from a duplicate. */
  replayOf: string | null;
  payload: JsonObject;
  /** What earlier steps returned; for a compensation, also its own step's action result. */
  results: Record<string, unknown>;
  /** Per attempt; the worker aborts the handler when it runs out. */
  timeoutMs: number;
  /** The queue to send replies to. */
  replyTo: string;
  /**
   * Set when the orchestrator reads the reply stream (Redis only): a worker that can append to a
   * Redis stream sends its replies there, one XADD each, instead of adding reply jobs to `replyTo`.
   */
  replyStream?: string;
  http?: { url: string; method: string; headers: Record<string, string> };
}
