import { seg } from '../client';
import { flag, operand, printJson, REASON, text, type Command, type Context } from '../command';
import { UnfinishedError, UsageError } from '../exit-codes';

interface Rebuild {
  id: string;
  projections: string[];
  /** running, succeeded or failed. */
  status: string;
  phase: string;
  headAtStart: number;
  position: number;
  progress: number;
  eventsApplied: number;
  changes: Record<string, { inserted: number; updated: number; deleted: number }> | null;
  error: string | null;
}

const line = (r: Rebuild) =>
  `${r.status.padEnd(9)} ${r.phase.padEnd(4)} ${(100 * r.progress).toFixed(1).padStart(5)}%  position ${r.position}/${r.headAtStart}  events ${r.eventsApplied}`;

async function follow(ctx: Context, id: string, intervalMs: number): Promise<void> {
  let last = '';
  for (;;) {
    const r: Rebuild = await ctx.client.get(`/v1/admin/projections/rebuilds/${seg(id)}`);
    const now = line(r);
    if (!ctx.json && now !== last) ctx.io.out(now);
    last = now;
    if (r.status !== 'running') {
      if (ctx.json) ctx.io.out(JSON.stringify(r, null, 2));
      else for (const [table, c] of Object.entries(r.changes ?? {})) ctx.io.out(`  ${table}: ${c.inserted} inserted, ${c.updated} updated, ${c.deleted} deleted`);
      if (r.status !== 'succeeded') throw new UnfinishedError(`rebuild ${id} ${r.status}${r.error ? `: ${r.error}` : ''}`);
      return;
    }
    await ctx.io.sleep(intervalMs);
  }
}

const INTERVAL = text('how often to poll, in ms (default 500)', 'MS');

const rebuild: Command = {
  path: ['projections', 'rebuild'],
  summary: 'rebuild read models from the log, and follow the rebuild to its end',
  details: 'Exits 4 if the rebuild failed.',
  flags: {
    projections: text('which read models, comma-separated (default: all)', 'a,b'),
    reason: REASON,
    'no-watch': flag('print the rebuild id and return'),
    'interval-ms': INTERVAL,
  },
  async run(ctx) {
    if (ctx.args.length > 0) throw new UsageError(`projections rebuild takes no operands (got ${ctx.args.join(' ')})`);
    const projections = ctx.flags.list('projections');
    const reason = ctx.flags.required('reason', '"fix after #123"');
    const intervalMs = ctx.flags.integer('interval-ms', 50, 60_000) ?? 500;
    const { id }: { id: string } = await ctx.client.post('/v1/admin/projections/rebuild', { reason, ...(projections ? { projections } : {}) });
    if (ctx.flags.bool('no-watch')) {
      if (ctx.json) printJson(ctx, { id });
      else ctx.io.out(`rebuild ${id} started`);
      return;
    }
    if (!ctx.json) ctx.io.out(`rebuild ${id} started`);
    await follow(ctx, id, intervalMs);
  },
};

const show: Command = {
  path: ['projections', 'watch'],
  operands: '<id>',
  summary: 'follow a rebuild to its end',
  flags: { 'interval-ms': INTERVAL },
  async run(ctx) {
    await follow(ctx, operand(ctx, 'rebuild id'), ctx.flags.integer('interval-ms', 50, 60_000) ?? 500);
  },
};

export const PROJECTION_COMMANDS: Command[] = [rebuild, show];
