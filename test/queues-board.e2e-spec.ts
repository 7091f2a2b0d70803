import { HTTP_STEP_QUEUE, REPLY_QUEUE } from '@retrace/domain';
import { createQueueBackend } from '@retrace/engine/queue-backend';
import { createRetraceDataSource, migrateDatabase } from '@retrace/event-store';
import { createTestSchema } from '@retrace/testing';
import request from 'supertest';
import { createApp, readyApp } from '../apps/orchestrator/src/bootstrap/create-app';
import { RETRACE_MIGRATIONS } from '../apps/orchestrator/src/bootstrap/start-runtime';
import { loadConfig } from '../apps/orchestrator/src/config/load-config';
import { ordersSagaBody } from './support/orders-saga';
import { startTestApp } from './support/test-app';
import { waitFor } from './support/wait-for';

const KEYS = {
  operator: { name: 'ops', role: 'operator', key: 'operator-key-board-0123456789' },
  viewer: { name: 'dash', role: 'viewer', key: 'viewer-key-board-0123456789' },
  service: { name: 'orders', role: 'service', key: 'service-key-board-0123456789', sagas: ['order*'] },
} as const;
const bearer = (key: string) => ({ Authorization: `Bearer ${key}` });

interface BoardQueue {
  name: string;
  counts: Record<string, number>;
}

/** What the tests need of an app: its HTTP client, and how to stop it and drop what it made. */
interface BoardApp {
  http: ReturnType<typeof request>;
  close(): Promise<void>;
}

const API_KEYS = { RETRACE_API_KEYS: JSON.stringify(Object.values(KEYS)) };

/**
 * The app on BullMQ's PostgreSQL backend, as `npm start` runs it without REDIS_URL (startTestApp
 * always uses Redis): its own schema, and BullMQ's tables in `<schema>_bullmq`.
 */
async function startOnPostgresBackend(): Promise<BoardApp> {
  const db = await createTestSchema('queues-board-pg');
  const config = loadConfig({ DATABASE_URL: db.url, RETRACE_DB_SCHEMA: db.schema, ...API_KEYS });
  const dataSource = createRetraceDataSource({ url: db.url, schema: db.schema, migrations: RETRACE_MIGRATIONS, poolSize: 5 });
  await migrateDatabase(dataSource, db.schema);
  const queueBackend = await createQueueBackend({ databaseUrl: db.url, pgSchema: `${db.schema}_bullmq` });
  const app = await createApp({ config, dataSource, queueBackend, engine: { relayPollMs: 100, sweepIntervalMs: 200 } }, { logger: false });
  await readyApp(app);
  return {
    http: request(app.getHttpServer()),
    close: async () => {
      await app.close();
      await queueBackend.close();
      await dataSource.query(`DROP SCHEMA IF EXISTS "${db.schema}_bullmq" CASCADE`);
      await dataSource.destroy();
      await db.drop();
    },
  };
}

describe.each([
  ['Redis', () => startTestApp('queues-board', API_KEYS)],
  ['PostgreSQL', startOnPostgresBackend],
] as const)('Bull Board at /admin/queues on the %s queue backend (e2e)', (_backend, start: () => Promise<BoardApp>) => {
  let t: BoardApp;

  beforeAll(async () => {
    t = await start();
  });

  afterAll(async () => {
    await t?.close();
  });

  const boardQueues = async (): Promise<BoardQueue[]> => {
    const res = await t.http.get('/admin/queues/api/queues').set(bearer(KEYS.operator.key)).expect(200);
    return res.body.queues as BoardQueue[];
  };

  it('asks for credentials without a key (401 with a Basic challenge, in the API’s error shape)', async () => {
    for (const path of ['/admin/queues', '/admin/queues/api/queues']) {
      const res = await t.http.get(path);
      expect(res.status).toBe(401);
      expect(res.headers['www-authenticate']).toBe('Basic realm="Retrace queues", charset="UTF-8"');
      expect(res.body.error).toEqual({ code: 'UNAUTHENTICATED', message: expect.stringContaining('operator API key') });
    }
  });

  it('refuses an unknown key, as bearer or as Basic password (401)', async () => {
    await t.http.get('/admin/queues').set(bearer('not-a-key-0123456789')).expect(401);
    const res = await t.http.get('/admin/queues').auth('anyone', 'not-a-key-0123456789');
    expect(res.status).toBe(401);
    expect(res.headers['www-authenticate']).toMatch(/^Basic realm="Retrace queues"/);
  });

  it('refuses viewer and service keys (403 naming the role)', async () => {
    const viewer = await t.http.get('/admin/queues/api/queues').set(bearer(KEYS.viewer.key));
    expect(viewer.status).toBe(403);
    expect(viewer.body.error).toEqual({ code: 'FORBIDDEN', message: 'the queue dashboard needs an operator key; "dash" is a viewer key' });
    const service = await t.http.get('/admin/queues').auth('orders', KEYS.service.key);
    expect(service.status).toBe(403);
    expect(service.body.error.code).toBe('FORBIDDEN');
  });

  it('opens for an operator key, as bearer or as Basic password with any user', async () => {
    const viaBearer = await t.http.get('/admin/queues').set(bearer(KEYS.operator.key));
    expect(viaBearer.status).toBe(200);
    expect(viaBearer.headers['content-type']).toMatch(/text\/html/);
    const viaBasic = await t.http.get('/admin/queues').auth('whoever', KEYS.operator.key);
    expect(viaBasic.status).toBe(200);
    expect(viaBasic.text).toContain('Retrace queues');
  });

  it('lists the engine’s queues, then a saga’s step queues once it is registered, with their jobs', async () => {
    expect((await boardQueues()).map((q) => q.name).sort()).toEqual([HTTP_STEP_QUEUE, REPLY_QUEUE].sort());

    await t.http.put('/v1/sagas/order').set(bearer(KEYS.operator.key)).send(ordersSagaBody(1)).expect(201);
    expect((await boardQueues()).map((q) => q.name).sort()).toEqual(
      ['inventory.release', 'inventory.reserve', 'notify.email', HTTP_STEP_QUEUE, REPLY_QUEUE].sort(),
    );

    // No worker takes inventory.reserve here, so the first step's job waits in that queue.
    await t.http.post('/v1/messages').set(bearer(KEYS.operator.key)).send({ saga: 'order', id: 'board-1', payload: { sku: 'A-1' } }).expect(202);
    const reserve = await waitFor(async () => {
      const queue = (await boardQueues()).find((q) => q.name === 'inventory.reserve');
      return queue && queue.counts.waiting === 1 ? queue : undefined;
    }, 'the reserve job on the board');
    expect(reserve.counts).toEqual(expect.objectContaining({ waiting: 1, active: 0, completed: 0, failed: 0 }));
  });

  it('is read-only: jobs are acted on through the admin API, which records who and why', async () => {
    const queues = await boardQueues();
    expect(queues.every((q) => (q as BoardQueue & { readOnlyMode: boolean }).readOnlyMode)).toBe(true);
    const res = await t.http.put('/admin/queues/api/queues/inventory.reserve/empty').set(bearer(KEYS.operator.key));
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect((await boardQueues()).find((q) => q.name === 'inventory.reserve')?.counts.waiting).toBe(1);
  });
});

describe('Bull Board without RETRACE_API_KEYS (e2e)', () => {
  it('is open, as the rest of the API is on a loopback address without keys', async () => {
    const t = await startTestApp('queues-board-open');
    try {
      const res = await t.http.get('/admin/queues/api/queues');
      expect(res.status).toBe(200);
      expect((res.body.queues as BoardQueue[]).map((q) => q.name)).toContain(REPLY_QUEUE);
    } finally {
      await t.close();
    }
  });
});
