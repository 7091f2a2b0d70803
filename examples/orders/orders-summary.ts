import type { Inventory } from './inventory';
import type { PaymentsService } from './payments';
import type { Shipping } from './shipping';

/** What `runOrders` found: every message's final status, timing, and what each service saw. */
export interface OrdersSummary {
  saga: string;
  sagaVersion: number;
  registration: 'registered' | 'unchanged';
  paymentsUrl: string;
  runTag: string;
  count: number;
  /** Messages per final status, in the status machine's order. */
  byStatus: [string, number][];
  /** Every message's last status seen, by id (= order id). */
  statuses: Map<string, string>;
  /** Whether every message reached a terminal status in time. */
  finished: boolean;
  publishMs: number;
  /** From the first publish until every message was terminal (or the wait gave up). */
  elapsedMs: number;
  ordersPerSecond: number;
  payments: ReturnType<PaymentsService['snapshot']>;
  inventory: ReturnType<Inventory['snapshot']>;
  shipping: ReturnType<Shipping['snapshot']>;
}
