import type { AddressInfo } from 'node:net';
import { testRedisUrl } from '@retrace/testing';
import { startTestApp, type TestApp } from '../../test/support/test-app';
import { Inventory } from './inventory';
import { PaymentsService } from './payments';
import { runOrders, type OrdersSummary } from './run-orders';

const COUNT = 30;
const FAIL_RATE = 0.3;
const BUSY_RATE = 0.2;
const SEED = 'orders-int';
const RUN_TAG = 'int';
const ids = Array.from({ length: COUNT }, (_, i) => `${RUN_TAG}-${i + 1}`);
const sorted = (list: Iterable<string>) => [...list].sort();
// Fixed by the seed and the ids, so the split is known before the run.
const declined = sorted(ids.filter((_, i) => PaymentsService.declines(i + 1, FAIL_RATE, SEED)));
const busy = ids.filter((_, i) => Inventory.busy(i + 1, BUSY_RATE, SEED));

describe('examples/orders', () => {
  let retrace: TestApp;
  let summary: OrdersSummary;

  beforeAll(async () => {
    retrace = await startTestApp('orders_example');
    await retrace.app.listen(0, '127.0.0.1');
    const { port } = retrace.app.getHttpServer().address() as AddressInfo;
    summary = await runOrders({
      url: `http://127.0.0.1:${port}`,
      count: COUNT,
      failRate: FAIL_RATE,
      busyRate: BUSY_RATE,
      seed: SEED,
      runTag: RUN_TAG,
      concurrency: 5,
      connection: testRedisUrl(),
      prefix: retrace.prefix,
      timeoutMs: 90_000,
      pollMs: 200,
    });
  }, 120_000);

  afterAll(async () => {
    await retrace?.close();
  });

  it('knows the expected split: some cards declined, not all', () => {
    expect(declined.length).toBeGreaterThan(0);
    expect(declined.length).toBeLessThan(COUNT);
  });

  it('ends every order COMPLETED or COMPENSATED, compensated exactly when the card was declined', () => {
    expect(summary.finished).toBe(true);
    const byStatus = (status: string) => sorted([...summary.statuses].filter(([, s]) => s === status).map(([id]) => id));
    expect(sorted(summary.statuses.keys())).toEqual(sorted(ids));
    expect(byStatus('COMPENSATED')).toEqual(declined);
    expect(byStatus('COMPLETED')).toEqual(sorted(ids.filter((id) => !declined.includes(id))));
    expect(summary.byStatus).toEqual([
      ['COMPLETED', COUNT - declined.length],
      ['COMPENSATED', declined.length],
    ]);
  });

  it('declines in the payments service what the fail rate chose, and never refunds a declined charge', () => {
    expect(sorted(summary.payments.declined)).toEqual(declined);
    expect(summary.payments.refunded.filter((id) => declined.includes(id))).toEqual([]);
    expect(summary.payments.refunded).toEqual([]); // ship never fails, so no charge is undone
    expect(sorted(summary.payments.charged)).toEqual(sorted(ids.filter((id) => !declined.includes(id))));
  });

  it('releases the reservation of every compensated order, and only those', () => {
    expect(sorted(summary.inventory.reserved)).toEqual(sorted(ids));
    expect(sorted(summary.inventory.released)).toEqual(declined);
  });

  it('retries a busy warehouse and ships every completed order once', () => {
    expect(summary.inventory.busyRefusals).toBe(busy.length);
    expect(sorted(summary.shipping.shipped)).toEqual(sorted(ids.filter((id) => !declined.includes(id))));
  });

  it('registers the saga again with the same body as unchanged (200), not a conflict', async () => {
    expect(summary.registration).toBe('registered');
    const again = await runOrders({
      url: `http://127.0.0.1:${(retrace.app.getHttpServer().address() as AddressInfo).port}`,
      count: 1,
      failRate: 0,
      seed: SEED,
      concurrency: 1,
      connection: testRedisUrl(),
      prefix: retrace.prefix,
      paymentsPort: new URL(summary.paymentsUrl).port === '' ? 80 : Number(new URL(summary.paymentsUrl).port),
      timeoutMs: 30_000,
      pollMs: 200,
    });
    expect(again.registration).toBe('unchanged');
    expect(again.byStatus).toEqual([['COMPLETED', 1]]);
  }, 60_000);
});

describe(Inventory.name, () => {
  it('answers a repeated reserve or release with the first result', () => {
    const sut = new Inventory();
    const order = { orderId: 'o-1', seq: 1, sku: 'A-1', qty: 2, amountCents: 1000 };
    const first = sut.reserve(order, 'o-1~r-1~reserve~action', 1);
    expect(sut.reserve(order, 'o-1~r-1~reserve~action', 2)).toBe(first);
    expect(sut.reserve(order, 'o-1~r-2~reserve~action', 1)).not.toEqual(first);
    const release = sut.release(first, 'o-1~r-1~reserve~compensation');
    expect(sut.release(first, 'o-1~r-1~reserve~compensation')).toBe(release);
    expect(sut.release(first, 'o-1~r-3~reserve~compensation')).toMatchObject({ freed: false });
    expect(() => sut.release({ reservationId: 'nope' }, 'k')).toThrow(/no reservation "nope"/);
  });
});

describe(PaymentsService.name, () => {
  let sut: PaymentsService;
  let url: string;
  const post = (path: string, key: string, body: unknown) =>
    fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': key }, body: JSON.stringify(body) });

  beforeAll(async () => {
    sut = new PaymentsService({ failRate: 0.5, seed: SEED });
    url = await sut.start();
  });

  afterAll(async () => {
    await sut.close();
  });

  it('answers the same Idempotency-Key with the first answer, declines with 402, refunds once', async () => {
    const seqs = [1, 2, 3, 4, 5, 6, 7, 8];
    const accepted = seqs.find((seq) => !PaymentsService.declines(seq, 0.5, SEED))!;
    const refused = seqs.find((seq) => PaymentsService.declines(seq, 0.5, SEED))!;
    const charge = { payload: { orderId: `p-${accepted}`, seq: accepted, amountCents: 500 } };
    const first = await post('/charge', 'k-1', charge);
    const second = await post('/charge', 'k-1', charge);
    expect(first.status).toBe(200);
    expect(await second.json()).toEqual(await first.json());
    expect(sut.snapshot()).toMatchObject({ charged: [`p-${accepted}`], repeats: 1 });

    const decline = await post('/charge', 'k-2', { payload: { orderId: `p-${refused}`, seq: refused, amountCents: 500 } });
    expect(decline.status).toBe(402);
    expect(await decline.json()).toMatchObject({ error: { code: 'CARD_DECLINED' } });

    const results = { charge: { paymentId: 'pay-1' } };
    expect((await post('/refund', 'k-3', { results })).status).toBe(200);
    expect((await post('/refund', 'k-4', { results })).status).toBe(200);
    expect(sut.snapshot().refunded).toEqual([`p-${accepted}`]);
    expect((await post('/refund', 'k-5', { results: { charge: { paymentId: 'pay-404' } } })).status).toBe(404);
    expect((await fetch(`${url}/charge`, { method: 'POST', body: '{}' })).status).toBe(400);
  });
});
