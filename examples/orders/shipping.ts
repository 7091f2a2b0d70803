import { createWorker, type RetraceWorker, type WorkerOptions } from '@retrace/sdk';
import { readOrder, type OrderPayload } from './order';

export interface Shipment {
  trackingId: string;
  orderId: string;
}

/**
 * Parcels handed to the carrier, in memory. Shipping cannot be undone, so the saga declares the
 * step irreversible (`compensation: null`) and puts it last. Keyed by the idempotency key: a
 * repeated job ships nothing twice.
 */
export class Shipping {
  private readonly shipmentsByKey = new Map<string, Shipment>();

  ship(order: OrderPayload, idempotencyKey: string): Shipment {
    const earlier = this.shipmentsByKey.get(idempotencyKey);
    if (earlier) return earlier;
    const shipment = { trackingId: `trk-${this.shipmentsByKey.size + 1}`, orderId: order.orderId };
    this.shipmentsByKey.set(idempotencyKey, shipment);
    return shipment;
  }

  snapshot(): { shipped: string[] } {
    return { shipped: [...this.shipmentsByKey.values()].map((s) => s.orderId) };
  }
}

/** The SDK worker for the queue `shipping.ship`. */
export function startShippingWorker(shipping: Shipping, options: WorkerOptions): RetraceWorker {
  return createWorker({ 'shipping.ship': (input: unknown, ctx) => shipping.ship(readOrder(input), ctx.idempotencyKey) }, options);
}
