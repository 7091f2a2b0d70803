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

  it.each([
    ['a compressed body', { 'content-type': 'application/json', 'content-encoding': 'gzip' }, 415, 'UNSUPPORTED_MEDIA_TYPE'],
    ['a charset other than UTF-8', { 'content-type': 'application/json; charset=latin1' }, 415, 'UNSUPPORTED_MEDIA_TYPE'],
    ['a body of another type (read, then ignored: no body)', { 'content-type': 'text/plain' }, 400, 'INVALID_INPUT'],
  ])('refuses %s before the route runs', async (_case, headers, status, code) => {
    const res = await request(sut.getHttpServer()).post('/v1/messages').set(headers).send('{"saga": "nowhere"}').expect(status);
    expect(res.body).toMatchObject({ error: { code } });
  });

  it('parses +json types and UTF-8 as JSON, and an empty JSON body as {}', async () => {
    const post = (type: string, body: string) => request(sut.getHttpServer()).post('/v1/messages').set('content-type', type).send(body);
    // Validation saw the parsed body: it names the field (an ignored body would be "body is required").
    const sagaIssue = { error: { code: 'INVALID_INPUT', details: { issues: [expect.objectContaining({ path: 'saga' })] } } };
    expect((await post('application/vnd.retrace+json', '{"saga": 5}').expect(400)).body).toMatchObject(sagaIssue);
    expect((await post('application/json; charset=UTF-8', '{"saga": 5}').expect(400)).body).toMatchObject(sagaIssue);
    expect((await post('application/json', '').expect(400)).body).toMatchObject(sagaIssue);
  });

  it('answers 503 naming the dependency that is down', async () => {
    await queueBackend.close();
    const res = await request(sut.getHttpServer()).get('/health').expect(503);
    expect(res.body).toMatchObject({ status: 'error', checks: { postgres: 'up', queue: 'down' }, errors: { queue: expect.any(String) } });
  });
});
