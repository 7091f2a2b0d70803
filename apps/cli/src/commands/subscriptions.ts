import { seg } from '../client';
import { flag, operand, printJson, REASON, text, type Command } from '../command';
import { UsageError } from '../exit-codes';
import { compactJson, formatFields, formatTable } from '../table';

interface Subscription {
  name: string;
  filter: unknown;
  startAt: string;
  ackTimeoutMs: number;
  startPosition: number;
  committedPosition: number;
  headPosition?: number;
  lag?: number;
  lagCapped?: boolean;
  lease: { until: string; upToPosition: number; active: boolean } | null;
  createdAt: string;
  updatedAt: string;
}

const lag = (s: Subscription) => (s.lag === undefined ? undefined : `${s.lag}${s.lagCapped ? '+' : ''}`);
const lease = (s: Subscription) => (s.lease?.active ? `until ${s.lease.until} (to ${s.lease.upToPosition})` : undefined);

const list: Command = {
  path: ['subs', 'list'],
  summary: 'durable subscriptions: position, head, lag, lease',
  flags: {},
  async run(ctx) {
    const { items }: { items: Subscription[] } = await ctx.client.get('/v1/subscriptions');
    if (ctx.json) return printJson(ctx, { items });
    ctx.io.out(
      formatTable(
        ['NAME', 'COMMITTED', 'HEAD', 'LAG', 'LEASE', 'FILTER'],
        items.map((s) => [s.name, s.committedPosition, s.headPosition, lag(s), lease(s), compactJson(s.filter)]),
        { right: [3] },
      ),
    );
  },
};

const show: Command = {
  path: ['subs', 'show'],
  operands: '<name>',
  summary: 'one subscription',
  flags: {},
  async run(ctx) {
    const s: Subscription = await ctx.client.get(`/v1/subscriptions/${seg(operand(ctx, 'subscription name'))}`);
    if (ctx.json) return printJson(ctx, s);
    ctx.io.out(
      formatFields([
        ['name', s.name],
        ['filter', compactJson(s.filter)],
        ['start', `${s.startAt} (position ${s.startPosition})`],
        ['committed', s.committedPosition],
        ['head', s.headPosition],
        ['lag', lag(s)],
        ['ack timeout', `${s.ackTimeoutMs} ms`],
        ['lease', lease(s) ?? 'none'],
        ['created', s.createdAt],
        ['updated', s.updatedAt],
      ]),
    );
  },
};

interface ResetAnswer {
  dryRun: boolean;
  currentPosition: number;
  newPosition: number;
  eventsToRedeliver: number;
  eventsToSkip: number;
}

const reset: Command = {
  path: ['subs', 'reset'],
  operands: '<name>',
  summary: 'move a subscription: --to-position N (next consumed) or --to-time T',
  flags: {
    'to-position': text('the next position consumed (1 = the start of the log)', 'N'),
    'to-time': text('the first event created at or after this ISO-8601 time is next', 'TIME'),
    reason: REASON,
    'dry-run': flag('only say what would move'),
  },
  async run(ctx) {
    const name = operand(ctx, 'subscription name');
    const toPosition = ctx.flags.integer('to-position', 1);
    const toTime = ctx.flags.time('to-time');
    if ((toPosition === undefined) === (toTime === undefined)) throw new UsageError('give exactly one of --to-position N or --to-time TIME');
    const body = {
      ...(toPosition === undefined ? { toTime } : { toPosition }),
      reason: ctx.flags.required('reason', '"rebuild after the bad deploy"'),
      dryRun: ctx.flags.bool('dry-run'),
    };
    const r: ResetAnswer = await ctx.client.post(`/v1/admin/subscriptions/${seg(name)}/reset`, body);
    if (ctx.json) return printJson(ctx, r);
    ctx.io.out(`${r.dryRun ? 'dry run: would move' : 'moved'} ${name} from committed position ${r.currentPosition} to ${r.newPosition}`);
    ctx.io.out(`events to deliver again: ${r.eventsToRedeliver}; events skipped: ${r.eventsToSkip}`);
  },
};

export const SUBSCRIPTION_COMMANDS: Command[] = [list, show, reset];
