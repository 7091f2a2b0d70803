import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createQueueBackend, type QueueBackend } from '@retrace/engine/queue-backend';
import { createTestEventStore, type TestEventStore } from '@retrace/testing';
import request from 'supertest';
import { Client } from 'pg';
import { loadConfig } from '../config/load-config';
import { createApp, readyApp } from './create-app';

describe(createApp.name, () => {
  let store: TestEventStore;
  let queueBackend: QueueBackend;
  let sut: NestFastifyApplication;

  beforeAll(async () => {
    store = await createTestEventStore('create_app');
    queueBackend = await createQueueBackend({ databaseUrl: store.url, pgSchema: `${store.schema}_bullmq` });
    const config = loadConfig({ RETRACE_MAX_PAYLOAD_BYTES: '2048', DATABASE_URL: store.url, RETRACE_DB_SCHEMA: store.schema });
    sut = await createApp({ config, dataSource: store.dataSource, queueBackend }, { logger: false });
    await readyApp(sut);
  });

  afterAll(async () => {
    await sut.close();
    await queueBackend.close().catch(() => undefined);
    await store.drop();
    const client = new Client({ connectionString: store.url });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS "${store.schema}_bullmq" CASCADE`);
    await client.end();
  });

  it('reports PostgreSQL and the queue up', async () => {
    const res = await request(sut.getHttpServer()).get('/health').expect(200);
    expect(res.body).toEqual({ status: 'ok', checks: { postgres: 'up', queue: 'up' } });
  });

  it('answers an oversized body with 413 before any route runs', async () => {
    const res = await request(sut.getHttpServer())
      .post('/health')
      .set('content-type', 'application/json')
      .send(JSON.stringify({ payload: 'x'.repeat(4096) }))
      .expect(413);
    expect(res.body).toMatchObject({ error: { code: 'PAYLOAD_TOO_LARGE' } });
  });

  it('answers 503 naming the dependency that is down', async () => {
    await queueBackend.close();
    const res = await request(sut.getHttpServer()).get('/health').expect(503);
    expect(res.body).toMatchObject({ status: 'error', checks: { postgres: 'up', queue: 'down' }, errors: { queue: expect.any(String) } });
  });
});
