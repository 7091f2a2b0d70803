import { ModulesContainer, Reflector } from '@nestjs/core';
import { listRoutes, type RouteInfo } from '../apps/orchestrator/src/http/auth/list-routes';
import { FuzzClient } from './fuzz/fuzz-client';
import { formatFigures, runFuzz, type FuzzFigures } from './fuzz/run-fuzz';
import { FUZZ_KEYS, startFuzzApp, type FuzzApp } from './fuzz/start-fuzz-app';

const RUNS = Number(process.env.FUZZ_RUNS ?? 10_000);
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 1_000_000_000);

/**
 * fast-check generates requests for every route of the app (wrong types, missing and extra fields,
 * huge and deep JSON, odd unicode, SQL and path fragments, invalid JSON, wrong content types, odd
 * methods), starting from valid bodies so they reach deep validation. `npm run fuzz` runs more.
 * Repeat a run with FUZZ_SEED=<the seed printed>.
 */
describe('bad input (e2e, fuzz)', () => {
  let fuzz: FuzzApp;
  let client: FuzzClient;
  let routes: RouteInfo[];
  let figures: FuzzFigures;

  beforeAll(async () => {
    console.log(`fuzz: seed ${SEED} (FUZZ_SEED=${SEED} repeats this run), ${RUNS} requests`);
    fuzz = await startFuzzApp('bad-input');
    client = new FuzzClient(fuzz.port);
    routes = listRoutes(fuzz.t.app.get(ModulesContainer), fuzz.t.app.get(Reflector));
  });
  afterAll(async () => {
    client?.close();
    await fuzz?.t.close();
  });

  it(`answers ${RUNS} generated requests over every route without a 5xx, appending nothing on a 4xx`, async () => {
    expect(routes.length).toBeGreaterThan(20);
    figures = await runFuzz({ runs: RUNS, seed: SEED, routes, world: fuzz.world, keys: FUZZ_KEYS, client, head: fuzz.head });
    console.log(`${formatFigures(figures, SEED)}\nby route: ${JSON.stringify(figures.byRoute, null, 1)}`);
    if (figures.findings.length > 0) console.log(figures.findings.map((f) => `${f.rule} ${f.status} ${f.request}\n  → ${f.body}`).join('\n'));
    expect(figures.requests).toBe(RUNS);
    expect(figures.findings).toEqual([]);
    // Every route was reached (each gets ~RUNS / routes requests), and mutations got past the first checks often enough to matter.
    if (RUNS >= 1000) expect(Object.keys(figures.byRoute).sort()).toEqual([...new Set(routes.map((r) => `${r.method} ${r.path}`))].sort());
    expect((figures.statuses['400'] ?? 0) + (figures.statuses['404'] ?? 0) + (figures.statuses['409'] ?? 0)).toBeGreaterThan(RUNS / 4);
    expect(Object.keys(figures.statuses).filter((s) => s.startsWith('2')).length).toBeGreaterThan(0);
  }, 120_000 + RUNS * 60);

  it('is healthy afterwards and still accepts a valid publish', async () => {
    await fuzz.t.http.get('/health').expect(200);
    const ops = { Authorization: `Bearer ${FUZZ_KEYS.operator}` };
    const res = await fuzz.t.http.post('/v1/messages').set(ops).send({ saga: 'order', id: 'after-fuzz', payload: { ok: true } }).expect(202);
    expect(res.body).toMatchObject({ id: 'after-fuzz', status: 'PENDING' });
  });
});
