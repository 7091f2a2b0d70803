import fc from 'fast-check';
import type { RouteInfo } from '../../apps/orchestrator/src/http/auth/list-routes';
import type { FuzzClient, FuzzRequest } from './fuzz-client';
import { fuzzRequest, type FuzzKeys } from './request-arbitrary';
import type { FuzzWorld } from './route-seeds';

export interface FuzzOptions {
  runs: number;
  seed: number;
  routes: readonly RouteInfo[];
  world: FuzzWorld;
  keys: FuzzKeys;
  client: FuzzClient;
  /** The log's head (highest position in the events table). */
  head(): Promise<number>;
}

/** A broken rule: a 5xx, or a 4xx after which the log had grown. */
export interface FuzzFinding {
  rule: '5xx' | 'appended-on-4xx' | 'no-answer';
  request: string;
  status: number;
  body: string;
}

export interface FuzzFigures {
  requests: number;
  seconds: number;
  requestsPerSecond: number;
  /** Status code → count. */
  statuses: Record<string, number>;
  /** Route → status code → count: shows which routes' deep checks were reached. */
  byRoute: Record<string, Record<string, number>>;
  findings: FuzzFinding[];
}

const BATCH = 250;
const MAX_FINDINGS = 50;

const describeRequest = (r: FuzzRequest): string => {
  const body = r.body ? r.body.toString('utf8') : '';
  return `${r.method} ${r.path.slice(0, 300)} as ${r.caller} ${JSON.stringify(r.headers['content-type'] ?? '')} ${body.length > 300 ? `${body.slice(0, 300)}… (${body.length} bytes)` : body}`;
};

/**
 * Sends `runs` generated requests one after another (fast-check samples them in batches from one
 * seed, so a run can be repeated exactly) and checks after each: never a 5xx; after a 4xx the log's
 * head has not moved. Background work must be off in the app, so that only requests append.
 */
export async function runFuzz(o: FuzzOptions): Promise<FuzzFigures> {
  const figures: FuzzFigures = { requests: 0, seconds: 0, requestsPerSecond: 0, statuses: {}, byRoute: {}, findings: [] };
  const started = process.hrtime.bigint();
  const note = (f: FuzzFinding) => figures.findings.length < MAX_FINDINGS && figures.findings.push(f);
  for (let batch = 0; figures.requests < o.runs; batch += 1) {
    const size = Math.min(BATCH, o.runs - figures.requests);
    // Built per batch: seeds carry fresh message ids, so valid publishes keep being accepted.
    const requests = fc.sample(fuzzRequest(o.routes, o.world, o.keys), { numRuns: size, seed: o.seed + batch });
    for (const request of requests) {
      const before = await o.head();
      const res = await o.client.send(request).catch((error: Error) => ({ status: 0, contentType: '', body: error.message }));
      figures.requests += 1;
      const status = String(res.status);
      figures.statuses[status] = (figures.statuses[status] ?? 0) + 1;
      const route = (figures.byRoute[request.route] ??= {});
      route[status] = (route[status] ?? 0) + 1;
      if (res.status === 0) note({ rule: 'no-answer', request: describeRequest(request), status: 0, body: res.body });
      else if (res.status >= 500) note({ rule: '5xx', request: describeRequest(request), status: res.status, body: res.body.slice(0, 500) });
      else if (res.status >= 400) {
        const after = await o.head();
        if (after !== before) note({ rule: 'appended-on-4xx', request: describeRequest(request), status: res.status, body: `head ${before} → ${after}: ${res.body.slice(0, 300)}` });
      }
    }
  }
  figures.seconds = Number(process.hrtime.bigint() - started) / 1e9;
  figures.requestsPerSecond = Math.round(figures.requests / figures.seconds);
  return figures;
}

/** The figures as a few lines for the test's output and the README. */
export function formatFigures(f: FuzzFigures, seed: number): string {
  const statuses = Object.entries(f.statuses)
    .sort(([a], [b]) => Number(a) - Number(b))
    .map(([s, n]) => `${s}: ${n}`)
    .join(', ');
  return `fuzz: requests=${f.requests} seconds=${f.seconds.toFixed(1)} rps=${f.requestsPerSecond} seed=${seed} findings=${f.findings.length}\nstatuses: ${statuses}`;
}
