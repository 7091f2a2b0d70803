import { PermanentError } from '@retrace/sdk';

/** The payload of an `orders` message: what every step receives as its input. */
export interface OrderPayload {
  orderId: string;
  /** The order's number in its run (1 …): with the seed, it decides declines, so a run is reproducible. */
  seq: number;
  sku: string;
  qty: number;
  amountCents: number;
}

const SKUS = ['A-1', 'B-2', 'C-3', 'D-4'];

/** The `n`-th order of a run (n from 1): its message id is also the order id. */
export function orderFor(runTag: string, n: number): OrderPayload {
  return { orderId: `${runTag}-${n}`, seq: n, sku: SKUS[n % SKUS.length], qty: 1 + (n % 3), amountCents: 1_000 + 250 * (n % 7) };
}

/**
 * Checks a step's input: a malformed order can never succeed, so it fails the step at once
 * (`PermanentError`) instead of burning retries.
 */
export function readOrder(input: unknown): OrderPayload {
  const order = (input ?? {}) as Partial<Record<keyof OrderPayload, unknown>>;
  const problems: string[] = [];
  if (typeof order.orderId !== 'string' || order.orderId === '') problems.push('orderId must be a non-empty string');
  if (typeof order.sku !== 'string' || order.sku === '') problems.push('sku must be a non-empty string');
  if (!Number.isInteger(order.seq)) problems.push('seq must be an integer');
  if (!Number.isInteger(order.qty) || (order.qty as number) < 1) problems.push('qty must be a positive integer');
  if (!Number.isInteger(order.amountCents) || (order.amountCents as number) < 1) problems.push('amountCents must be a positive integer');
  if (problems.length > 0) throw new PermanentError(`invalid order: ${problems.join('; ')}`, { code: 'INVALID_ORDER' });
  return order as OrderPayload;
}
