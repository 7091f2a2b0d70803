import { createWorker, PermanentError, type RetraceWorker, type WorkerOptions } from '@retrace/sdk';
import { chance } from './chance';
import { readOrder, type OrderPayload } from './order';

export interface Reservation {
  reservationId: string;
  orderId: string;
  sku: string;
  qty: number;
}

export interface Release {
  reservationId: string;
  orderId: string;
  /** False when an earlier release (another run's compensation) had already freed it. */
  freed: boolean;
}

/** A transient failure: the SDK retries it under the step's retry policy. */
export class WarehouseBusyError extends Error {
  constructor(orderId: string) {
    super(`warehouse busy, cannot reserve stock for ${orderId} now; try again`);
    this.name = 'WarehouseBusyError';
  }
}

/**
 * Stock reservations, in memory. Every call is keyed by the step job's idempotency key: a second
 * call with the same key (a retry after a lost reply, a redelivered job) returns the first result
 * and changes nothing.
 */
export class Inventory {
  private readonly reservationsByKey = new Map<string, Reservation>();
  private readonly reservationsById = new Map<string, Reservation>();
  private readonly releasesByKey = new Map<string, Release>();
  private readonly freed = new Set<string>();
  /** First attempts refused with {@link WarehouseBusyError}. */
  busyRefusals = 0;

  /** `busyRate`: the share of orders whose first reserve attempt fails transiently (by `seed`). */
  constructor(
    private readonly busyRate = 0,
    private readonly seed = 'inventory',
  ) {}

  /** Whether order number `seq` finds the warehouse busy on its first attempt. */
  static busy(seq: number, busyRate: number, seed: string): boolean {
    return chance(seed, `busy:${seq}`) < busyRate;
  }

  reserve(order: OrderPayload, idempotencyKey: string, attempt: number): Reservation {
    const earlier = this.reservationsByKey.get(idempotencyKey);
    if (earlier) return earlier;
    if (attempt === 1 && Inventory.busy(order.seq, this.busyRate, this.seed)) {
      this.busyRefusals++;
      throw new WarehouseBusyError(order.orderId);
    }
    const reservation = { reservationId: `res-${this.reservationsById.size + 1}`, orderId: order.orderId, sku: order.sku, qty: order.qty };
    this.reservationsByKey.set(idempotencyKey, reservation);
    this.reservationsById.set(reservation.reservationId, reservation);
    return reservation;
  }

  /** Frees what the `reserve` step returned (`results.reserve`). */
  release(reserveResult: unknown, idempotencyKey: string): Release {
    const earlier = this.releasesByKey.get(idempotencyKey);
    if (earlier) return earlier;
    const reservationId = (reserveResult as { reservationId?: unknown } | null)?.reservationId;
    const reservation = typeof reservationId === 'string' ? this.reservationsById.get(reservationId) : undefined;
    if (reservation === undefined) {
      // In-memory stock forgets everything on restart; an operator must look at this one.
      throw new PermanentError(`no reservation ${JSON.stringify(reservationId)} to release (was the inventory restarted?)`, {
        code: 'UNKNOWN_RESERVATION',
      });
    }
    const release = { reservationId: reservation.reservationId, orderId: reservation.orderId, freed: !this.freed.has(reservation.reservationId) };
    this.freed.add(reservation.reservationId);
    this.releasesByKey.set(idempotencyKey, release);
    return release;
  }

  /** Order ids with a reservation, and those whose reservation was released. */
  snapshot(): { reserved: string[]; released: string[]; busyRefusals: number } {
    const reservations = [...this.reservationsById.values()];
    return {
      reserved: reservations.map((r) => r.orderId),
      released: reservations.filter((r) => this.freed.has(r.reservationId)).map((r) => r.orderId),
      busyRefusals: this.busyRefusals,
    };
  }
}

/** The SDK worker for the queues `inventory.reserve` (action) and `inventory.release` (compensation). */
export function startInventoryWorker(inventory: Inventory, options: WorkerOptions): RetraceWorker {
  return createWorker(
    {
      'inventory.reserve': (input: unknown, ctx) => inventory.reserve(readOrder(input), ctx.idempotencyKey, ctx.attempt),
      'inventory.release': (_input: unknown, ctx) => inventory.release(ctx.results.reserve, ctx.idempotencyKey),
    },
    options,
  );
}
