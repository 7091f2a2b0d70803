/** The orders saga of examples/orders as an HTTP body: reserve stock → charge card → email. */
export const ordersSagaBody = (version = 1) => ({
  version,
  description: 'place an order',
  steps: [
    {
      name: 'reserve',
      action: { queue: 'inventory.reserve' },
      compensation: { queue: 'inventory.release' },
      retry: { attempts: 3, backoff: { type: 'exponential', delayMs: 200 } },
      timeoutMs: 30000,
    },
    {
      name: 'charge',
      action: { http: { url: 'http://127.0.0.1:7001/charge' } },
      compensation: { http: { url: 'http://127.0.0.1:7001/refund' } },
    },
    { name: 'email', action: { queue: 'notify.email' }, compensation: null },
  ],
});
