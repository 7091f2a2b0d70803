import type { JsonObject, StepKind } from '@retrace/domain';

/**
 * Structured log lines for one attempt; the step's ids (jobId, messageId, step, kind, attempt) are
 * attached to every line.
 *
 * @example
 * ctx.log.info('charged', { paymentId });
 */
export interface StepLogger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/**
 * What a step handler knows about the attempt it runs. Everything comes from the step job
 * (docs/worker-protocol.md), so a worker in another language sees the same values.
 *
 * @example
 * const charge: StepHandler<ChargeInput, { paymentId: string }> = async (input, ctx) =>
 *   payments.charge(input.amount, { idempotencyKey: ctx.idempotencyKey, signal: ctx.signal });
 */
export interface StepContext<P = JsonObject> {
  /** The job id, `<messageId>~<runId>~<step>~<kind>`: the same on every retry, new on a replay. */
  readonly idempotencyKey: string;
  readonly messageId: string;
  readonly runId: string;
  /** The run this one replays, or null on a first run: tells a replay from a duplicate. */
  readonly replayOf: string | null;
  readonly saga: string;
  readonly sagaVersion: number;
  readonly step: string;
  /** `action`, or `compensation` when undoing the step. */
  readonly kind: StepKind;
  /** 1 on the first try. */
  readonly attempt: number;
  /** Tries this step gets in all (its retry policy's `attempts`). */
  readonly maxAttempts: number;
  /** The message's payload; also the handler's first argument. */
  readonly payload: P;
  /** What earlier steps returned, by step name; for a compensation, also its own action's result. */
  readonly results: Readonly<Record<string, unknown>>;
  /**
   * Aborted when the attempt runs out of the step's `timeoutMs` (reason: `StepTimeoutError`) or when
   * `close()` has waited `shutdownGraceMs` (reason: `WorkerClosingError`). Pass it to fetch, database
   * drivers and timers: the worker stops waiting for the handler either way.
   */
  readonly signal: AbortSignal;
  /** The worker's logger with this attempt's ids attached (a no-op without `options.logger`). */
  readonly log: StepLogger;
}

/**
 * Runs one attempt of a step: returns its result (JSON; `undefined` is sent as null) or throws.
 * A thrown `PermanentError` fails the step at once; any other error is retried under the step's
 * retry policy. Declare `P` and `R` to type the payload and the result.
 *
 * @example
 * const reserve: StepHandler<{ sku: string; qty: number }, { reservationId: string }> = async (input, ctx) =>
 *   stock.reserve(input.sku, input.qty, { idempotencyKey: ctx.idempotencyKey });
 */
export type StepHandler<P = JsonObject, R = unknown> = (input: P, ctx: StepContext<P>) => Promise<R> | R;

/**
 * Handlers by queue name: the `queue` a saga step's action or compensation names.
 *
 * @example
 * const handlers: StepHandlers = { 'orders.charge': charge, 'orders.refund': refund };
 */
// `any`: a handler declaring its payload as an interface (no index signature) must still fit here.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type StepHandlers = Readonly<Record<string, StepHandler<any, unknown>>>;
