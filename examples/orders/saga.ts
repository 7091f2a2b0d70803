import type { RetryPolicy, StepTarget } from '@retrace/domain';

/** The body of `PUT /v1/sagas/{name}` (API.md "Sagas"). */
export interface SagaRegistration {
  version: number;
  description: string;
  steps: {
    name: string;
    action: StepTarget;
    compensation: StepTarget | null;
    retry?: RetryPolicy;
    timeoutMs?: number;
  }[];
}

export const ORDERS_SAGA_VERSION = 1;

/**
 * reserve stock → charge card → ship. Reserve runs on a queue (the inventory's SDK worker) and is
 * retried with exponential backoff (200, 400 ms) when the warehouse is busy; charge and refund are
 * HTTP steps on the payments service at `paymentsUrl` (a declined card is a 402: no retry, the
 * reservation is released); ship is irreversible, so it comes last and has no compensation.
 *
 * A version is immutable: the payments URL is part of the body, so the service must come back on
 * the same address for a second run to register the same version again.
 */
export function ordersSaga(paymentsUrl: string): SagaRegistration {
  return {
    version: ORDERS_SAGA_VERSION,
    description: 'place an order: reserve stock, charge the card, ship',
    steps: [
      {
        name: 'reserve',
        action: { queue: 'inventory.reserve' },
        compensation: { queue: 'inventory.release' },
        retry: { attempts: 3, backoff: { type: 'exponential', delayMs: 200 } },
        timeoutMs: 10_000,
      },
      {
        name: 'charge',
        action: { http: { url: `${paymentsUrl}/charge` } },
        compensation: { http: { url: `${paymentsUrl}/refund` } },
        retry: { attempts: 3, backoff: { type: 'exponential', delayMs: 500 } },
        timeoutMs: 10_000,
      },
      {
        name: 'ship',
        action: { queue: 'shipping.ship' },
        compensation: null,
        retry: { attempts: 3, backoff: { type: 'fixed', delayMs: 1_000 } },
        timeoutMs: 10_000,
      },
    ],
  };
}
