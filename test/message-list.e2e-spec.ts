import { ordersSagaBody } from './support/orders-saga';
import { startTestApp, type TestApp } from './support/test-app';

describe('listing messages and reading the log (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp('listing');
    await t.http.put('/v1/sagas/order').send(ordersSagaBody(1)).expect(201);
    await t.http.put('/v1/sagas/refund').send({ version: 1, steps: [{ name: 'pay', action: { queue: 'pay' } }] }).expect(201);
    for (let i = 1; i <= 7; i++) await t.http.post('/v1/messages').send({ saga: 'order', id: `o-${i}` }).expect(202);
    for (let i = 1; i <= 3; i++) await t.http.post('/v1/messages').send({ saga: 'refund', id: `r-${i}` }).expect(202);
  });
  afterAll(() => t?.close());

  it('pages newest first with a cursor until every message was seen once', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: { body: { items: { id: string }[]; nextCursor: string | null } } = await t.http
        .get('/v1/messages')
        .query({ limit: 3, ...(cursor ? { cursor } : {}) })
        .expect(200);
      seen.push(...res.body.items.map((m) => m.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['r-3', 'r-2', 'r-1', 'o-7', 'o-6', 'o-5', 'o-4', 'o-3', 'o-2', 'o-1']);
  });

  it('filters by saga, status and time', async () => {
    const bySaga = await t.http.get('/v1/messages?saga=refund').expect(200);
    expect(bySaga.body.items.map((m: { id: string }) => m.id)).toEqual(['r-3', 'r-2', 'r-1']);
    const pending = await t.http.get('/v1/messages?status=PENDING,FAILED&limit=100').expect(200);
    expect(pending.body.items).toHaveLength(10);
    await t.http.get('/v1/messages?status=COMPLETED').expect(200, { items: [], nextCursor: null });
    // from = to = a message's own createdAt (shown to the millisecond) still finds it
    const { createdAt } = (await t.http.get('/v1/messages/o-4').expect(200)).body;
    const exact = await t.http.get('/v1/messages').query({ from: createdAt, to: createdAt }).expect(200);
    expect(exact.body.items.map((m: { id: string }) => m.id)).toContain('o-4');
    const future = new Date(Date.now() + 3_600_000).toISOString();
    await t.http.get(`/v1/messages?from=${future}`).expect(200, { items: [], nextCursor: null });
  });

  it('refuses bad filters with 400 naming the field', async () => {
    for (const [q, field] of [
      ['status=DONE', 'status'],
      ['limit=0', 'limit'],
      ['limit=12abc', 'limit'],
      ['from=yesterday', 'from'],
      ['cursor=garbage', 'cursor'],
    ]) {
      const res = await t.http.get(`/v1/messages?${q}`).expect(400);
      expect(res.body.error.details.issues[0].path).toBe(field);
    }
  });

  it('reads the log after a position and since a time, in position order', async () => {
    const all = await t.http.get('/v1/events?after=0&limit=1000').expect(200);
    const positions = all.body.events.map((e: { position: number }) => e.position);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(all.body.lastPosition).toBe(positions[positions.length - 1]);

    const page = await t.http.get(`/v1/events?after=${positions[3]}&limit=2`).expect(200);
    expect(page.body.events.map((e: { position: number }) => e.position)).toEqual(positions.slice(4, 6));

    const since = all.body.events[10].createdAt;
    const fromTime = await t.http.get(`/v1/events?since=${encodeURIComponent(since)}&limit=1000`).expect(200);
    expect(fromTime.body.events.length).toBeGreaterThan(0);
    for (const e of fromTime.body.events) expect(Date.parse(e.createdAt)).toBeGreaterThanOrEqual(Date.parse(since));

    await t.http.get('/v1/events?after=-1').expect(400);
    await t.http.get(`/v1/events?after=1&since=${encodeURIComponent(since)}`).expect(400);
  });

  it('reports health', async () => {
    await t.http.get('/health').expect(200).expect((r) => expect(r.body.status).toBe('ok'));
  });
});
