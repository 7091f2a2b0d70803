#!/usr/bin/env node
// `npm run retrace -- projections rebuild [--url URL] [--projections a,b] [--reason TEXT] [--api-key KEY]`
// Starts a rebuild of read models on a running orchestrator through its admin API and prints its
// progress until it ends. A stand-in until apps/cli absorbs it: it talks to the admin API only.
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';

const USAGE = `usage: npm run retrace -- projections rebuild [--url http://127.0.0.1:3000] [--projections messages,sagas] [--reason "why"] [--api-key KEY] [--interval-ms 500]`;

async function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      url: { type: 'string', default: process.env.RETRACE_URL ?? 'http://127.0.0.1:3000' },
      projections: { type: 'string' },
      reason: { type: 'string', default: 'rebuild requested from the command line' },
      'api-key': { type: 'string', default: process.env.RETRACE_API_KEY },
      'interval-ms': { type: 'string', default: '500' },
    },
  });
  if (positionals[0] !== 'projections' || positionals[1] !== 'rebuild') throw new Error(USAGE);
  const base = values.url.replace(/\/+$/, '');
  const headers = { 'content-type': 'application/json', ...(values['api-key'] ? { authorization: `Bearer ${values['api-key']}` } : {}) };
  const call = async (method, path, body) => {
    const res = await globalThis.fetch(`${base}${path}`, { method, headers, body: body && JSON.stringify(body) }).catch((error) => {
      throw new Error(`cannot reach the orchestrator at ${base} (${error.cause?.code ?? error.message}); pass --url`);
    });
    const json = await res.json().catch(() => ({}));
    if (!res.ok) throw new Error(`${method} ${path}: HTTP ${res.status}: ${json.error?.message ?? JSON.stringify(json)}`);
    return json;
  };

  const projections = values.projections?.split(',').map((p) => p.trim()).filter(Boolean);
  const { id } = await call('POST', '/v1/admin/projections/rebuild', { reason: values.reason, ...(projections ? { projections } : {}) });
  console.log(`rebuild ${id} started`);
  for (;;) {
    const r = await call('GET', `/v1/admin/projections/rebuilds/${id}`);
    const pct = (100 * r.progress).toFixed(1).padStart(5);
    console.log(`${r.status.padEnd(9)} ${r.phase.padEnd(4)} ${pct}%  position ${r.position}/${r.headAtStart}  events ${r.eventsApplied}`);
    if (r.status === 'succeeded') {
      for (const [table, c] of Object.entries(r.changes ?? {})) {
        console.log(`  ${table}: ${c.inserted} inserted, ${c.updated} updated, ${c.deleted} deleted`);
      }
      return;
    }
    if (r.status === 'failed') throw new Error(`rebuild ${id} failed: ${r.error}`);
    await sleep(Number(values['interval-ms']));
  }
}

main().catch((error) => {
  console.error(error.message);
  process.exit(1);
});
