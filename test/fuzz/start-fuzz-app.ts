import { ConsoleLogger } from '@nestjs/common';
import type { AddressInfo } from 'node:net';
import { DataSource } from 'typeorm';
import { ordersSagaBody } from '../support/orders-saga';
import { startTestApp, type TestApp } from '../support/test-app';
import type { FuzzKeys } from './request-arbitrary';
import type { FuzzWorld } from './route-seeds';

export const FUZZ_KEYS: FuzzKeys = { operator: 'fuzz-operator-0123456789', viewer: 'fuzz-viewer-0123456789', service: 'fuzz-service-0123456789' };

export interface FuzzApp {
  t: TestApp;
  port: number;
  world: FuzzWorld;
  head(): Promise<number>;
}

/**
 * The whole app, listening on a port, with keys (rate limit off) and every background loop off: the
 * only appends are the requests', so "a 4xx appended nothing" can be checked around each request.
 * It holds a saga, a message, a subscription and a (never running) operation for seeds to point at.
 */
export async function startFuzzApp(label: string): Promise<FuzzApp> {
  const keys = [
    { name: 'fuzz-ops', role: 'operator', key: FUZZ_KEYS.operator },
    { name: 'fuzz-dash', role: 'viewer', key: FUZZ_KEYS.viewer },
    { name: 'fuzz-orders', role: 'service', key: FUZZ_KEYS.service, sagas: ['order*'] },
  ];
  const t = await startTestApp(label, { RETRACE_API_KEYS: JSON.stringify(keys), RETRACE_RATE_LIMIT: '0' }, { relay: false, replies: false, sweeper: false, httpSteps: false, operations: false });
  // FUZZ_LOG=1 shows the app's error logs (the stack behind a 500).
  if (process.env.FUZZ_LOG) t.app.useLogger(new ConsoleLogger({ logLevels: ['error', 'warn'] }));
  await t.app.listen(0, '127.0.0.1');
  const { port } = t.app.getHttpServer().address() as AddressInfo;
  const ops = { Authorization: `Bearer ${FUZZ_KEYS.operator}` };
  await t.http.put('/v1/sagas/order').set(ops).send(ordersSagaBody(1)).expect(201);
  await t.http.post('/v1/messages').set(ops).send({ saga: 'order', id: 'order-1', payload: { sku: 'A-1' } }).expect(202);
  await t.http.put('/v1/subscriptions/order.sub').set(ops).send({ filter: { saga: 'order' } }).expect(201);
  const operation = await t.http.post('/v1/admin/operations').set(ops).send({ action: 'retract', reason: 'fuzz', selector: { fromPosition: 1 } }).expect(202);
  const dataSource = t.app.get(DataSource);
  const head = async () => {
    const rows: Array<{ head: string }> = await dataSource.query(`SELECT coalesce(max(position), 0) AS head FROM "${t.schema}".events`);
    return Number(rows[0].head);
  };
  return { t, port, head, world: { saga: 'order', messageId: 'order-1', subscription: 'order.sub', operationId: (operation.body as { id: string }).id } };
}
