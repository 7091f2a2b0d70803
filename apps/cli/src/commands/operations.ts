import type { ItemPlan, OperationAction } from '@retrace/domain';
import { seg } from '../client';
import { flag, operand, printJson, REASON, text, type Command, type Context } from '../command';
import { EXIT, UnfinishedError, UsageError } from '../exit-codes';
import { formatFields, formatTable, progressBar } from '../table';
import { readPatch, REPLAY_FLAGS } from './messages';

interface Operation {
  id: string;
  action: OperationAction;
  status: 'running' | 'cancelling' | 'cancelled' | 'completed' | 'failed';
  total: number;
  done: number;
  succeeded: number;
  failed: number;
  skipped: number;
  maxInFlight: number;
  reason: string;
  actor: string;
  selector: Record<string, unknown>;
  mode?: string;
  fromStep?: string | null;
  force?: boolean;
  createdAt: string;
  updatedAt: string;
  finishedAt: string | null;
}

interface DryRun {
  matched: number;
  sample: { id: string; saga: string; status: string; plan: ItemPlan }[];
  plan: { act: number; skip: Record<string, number>; fail: Record<string, number>; run: Record<string, number>; compensate: Record<string, number> };
}

const FINAL = ['completed', 'cancelled', 'failed'];

const counts = (record: Record<string, number>) =>
  Object.keys(record).length === 0 ? 'none' : Object.entries(record).map(([k, n]) => `${k} ${n}`).join(', ');

function describePlan(plan: ItemPlan): string {
  if (!plan.acts) return `${plan.outcome}: ${plan.code}`;
  const parts: string[] = [];
  if (plan.withdraw) parts.push(`withdraw ${plan.withdraw}`);
  if (plan.compensate.length > 0) parts.push(`compensate ${plan.compensate.join(',')}`);
  if (plan.skipCompensation.length > 0) parts.push(`skip ${plan.skipCompensation.join(',')}`);
  if (plan.run.length > 0) parts.push(`run ${plan.run.join(',')}`);
  if (plan.reuse.length > 0) parts.push(`reuse ${plan.reuse.join(',')}`);
  return parts.length > 0 ? parts.join('; ') : 'act';
}

function printDryRun(ctx: Context, dry: DryRun): void {
  ctx.io.out(
    formatFields([
      ['matched', dry.matched],
      ['would act on', dry.plan.act],
      ['would skip', counts(dry.plan.skip)],
      ['would fail', counts(dry.plan.fail)],
      ['steps to run', counts(dry.plan.run)],
      ['to compensate', counts(dry.plan.compensate)],
    ]),
  );
  if (dry.sample.length > 0) {
    ctx.io.out(`\nsample (${dry.sample.length} of ${dry.matched}):`);
    ctx.io.out(formatTable(['ID', 'SAGA', 'STATUS', 'PLAN'], dry.sample.map((s) => [s.id, s.saga, s.status, describePlan(s.plan)]), { maxCell: 80 }));
  }
}

function printOperation(ctx: Context, op: Operation): void {
  ctx.io.out(
    formatFields([
      ['id', op.id],
      ['action', `${op.action}${op.mode ? ` (${op.mode}${op.fromStep ? ` from ${op.fromStep}` : ''})` : ''}${op.force ? ', force' : ''}`],
      ['status', op.status],
      ['progress', `${op.done}/${op.total}: ${op.succeeded} succeeded, ${op.failed} failed, ${op.skipped} skipped`],
      ['max in flight', op.maxInFlight],
      ['selector', JSON.stringify(op.selector)],
      ['reason', op.reason],
      ['actor', op.actor],
      ['created', op.createdAt],
      ['finished', op.finishedAt],
    ]),
  );
}

const progressLine = (op: Operation) =>
  `${op.status.padEnd(10)} ${progressBar(op.done, op.total)} ${op.done}/${op.total}  ok ${op.succeeded}  failed ${op.failed}  skipped ${op.skipped}`;

/** Exit 4 unless the operation completed with no failed item. */
function verdict(op: Operation): void {
  if (op.status !== 'completed') throw new UnfinishedError(`operation ${op.id} ended ${op.status}`);
  if (op.failed > 0) throw new UnfinishedError(`operation ${op.id} completed with ${op.failed} failed item(s)`);
}

async function watch(ctx: Context, id: string, intervalMs: number): Promise<void> {
  let last = '';
  for (;;) {
    const op: Operation = await ctx.client.get(`/v1/admin/operations/${seg(id)}`);
    const line = progressLine(op);
    const final = FINAL.includes(op.status);
    if (!ctx.json) {
      if (ctx.io.stdoutIsTTY) ctx.io.write(`\r\x1b[2K${line}${final ? '\n' : ''}`);
      else if (line !== last) ctx.io.out(line);
    }
    last = line;
    if (final) {
      if (ctx.json) ctx.io.out(JSON.stringify(op, null, 2));
      return verdict(op);
    }
    await ctx.io.sleep(intervalMs);
  }
}

const INTERVAL = text('how often to poll while watching, in ms (default 1000)', 'MS');

const create: Command = {
  path: ['ops', 'create'],
  summary: 'a bulk replay, undo or retract over a selector: dry run, confirm, create',
  details: `Always dry-runs first and shows what would happen. --dry-run stops there. Otherwise it asks
for confirmation on a terminal (--yes skips the question; with no terminal and no --yes it refuses
with exit 2), then creates the operation with confirm = the matched count (409 if the selection
changed since). At least one of --from-position, --to-position, --from, --to is required.`,
  flags: {
    action: text('replay, undo or retract', 'replay|undo|retract'),
    reason: REASON,
    'from-position': text('accepted at or after this log position', 'N'),
    'to-position': text('accepted at or before this log position', 'N'),
    from: text('accepted at or after this ISO-8601 time', 'TIME'),
    to: text('accepted at or before this ISO-8601 time', 'TIME'),
    saga: text('only this saga', 'NAME'),
    status: text('only these statuses, comma-separated', 'S,S'),
    ...REPLAY_FLAGS,
    force: flag('replay: include COMPLETED messages; undo: skip irreversible steps'),
    'max-in-flight': text('messages being worked on at once (server default 50)', 'N'),
    'dry-run': flag('show what would happen and stop'),
    confirm: text("the matched count you expect; the server refuses (409) if the selection differs (default: the dry run's count)", 'N'),
    yes: flag('do not ask for confirmation'),
    watch: flag('watch the operation until it ends (as ops watch)'),
    'interval-ms': INTERVAL,
  },
  async run(ctx) {
    if (ctx.args.length > 0) throw new UsageError(`ops create takes no operands (got ${ctx.args.join(' ')})`);
    const action = ctx.flags.oneOf('action', ['replay', 'undo', 'retract'] as const);
    if (action === undefined) throw new UsageError('--action is required: --action replay, --action undo or --action retract');
    const reason = ctx.flags.required('reason', '"bad deploy 10:02-10:17"');
    const selector: Record<string, unknown> = {
      fromPosition: ctx.flags.integer('from-position', 1),
      toPosition: ctx.flags.integer('to-position', 1),
      from: ctx.flags.time('from'),
      to: ctx.flags.time('to'),
      saga: ctx.flags.string('saga'),
      status: ctx.flags.list('status')?.map((s) => s.toUpperCase()),
    };
    if (['fromPosition', 'toPosition', 'from', 'to'].every((k) => selector[k] === undefined)) {
      throw new UsageError('give at least one bound: --from-position N, --to-position N, --from TIME or --to TIME (--saga and --status only narrow)');
    }
    const body: Record<string, unknown> = { action, reason, selector: Object.fromEntries(Object.entries(selector).filter(([, v]) => v !== undefined)) };
    if (action !== 'replay') {
      for (const name of ['mode', 'from-step', 'patch']) if (ctx.flags.string(name) !== undefined) throw new UsageError(`--${name} applies to --action replay only`);
    }
    if (action === 'retract' && ctx.flags.bool('force')) throw new UsageError('--force applies to --action replay or undo only');
    if (action === 'replay') {
      body.mode = ctx.flags.oneOf('mode', ['resume', 'restart'] as const) ?? 'resume';
      const fromStep = ctx.flags.string('from-step');
      if (fromStep !== undefined) body.fromStep = fromStep;
      const patch = await readPatch(ctx);
      if (patch !== undefined) body.patch = patch;
    }
    if (ctx.flags.bool('force')) body.force = true;
    const maxInFlight = ctx.flags.integer('max-in-flight', 1, 1000);
    if (maxInFlight !== undefined) body.maxInFlight = maxInFlight;
    const confirm = ctx.flags.integer('confirm', 0);
    const intervalMs = ctx.flags.integer('interval-ms', 50, 60_000) ?? 1000;
    const dryRun = ctx.flags.bool('dry-run');

    const dry: DryRun = await ctx.client.post('/v1/admin/operations', { ...body, dryRun: true });
    if (dryRun) {
      if (ctx.json) return printJson(ctx, dry);
      return printDryRun(ctx, dry);
    }
    // The plan goes to stderr under --json so stdout stays one JSON document.
    const show = ctx.json ? { ...ctx, io: { ...ctx.io, out: (line: string) => ctx.io.err(line) } } : ctx;
    printDryRun(show, dry);
    if (dry.matched === 0) {
      ctx.io.err('nothing matches: no operation created');
      if (ctx.json) ctx.io.out(JSON.stringify({ id: null, matched: 0 }, null, 2));
      return EXIT.ok;
    }
    if (!ctx.flags.bool('yes')) {
      if (!ctx.io.stdinIsTTY) throw new UsageError(`no terminal to confirm on: pass --yes to ${action} ${dry.matched} message(s) (or --dry-run to look only)`);
      const answer = await ctx.io.ask(`\n${action} ${dry.matched} message(s)? Type the count (${dry.matched}) or "yes" to go on: `);
      if (!['yes', 'y', String(dry.matched)].includes(answer.trim().toLowerCase())) {
        ctx.io.err('not confirmed: nothing was created');
        return EXIT.usage;
      }
    }
    const created: { id: string; matched: number } = await ctx.client.post('/v1/admin/operations', { ...body, confirm: confirm ?? dry.matched });
    if (ctx.json && !ctx.flags.bool('watch')) return printJson(ctx, created);
    if (!ctx.json) ctx.io.out(`\noperation ${created.id} created over ${created.matched} message(s)`);
    if (ctx.flags.bool('watch')) return watch(ctx, created.id, intervalMs);
    if (!ctx.json) ctx.io.out(`follow it: retrace ops watch ${created.id}`);
  },
};

const watchCommand: Command = {
  path: ['ops', 'watch'],
  operands: '<id>',
  summary: 'follow an operation to its end with a progress bar',
  details: 'Exits 0 when it completed with no failed item, 4 when it was cancelled, failed, or items failed.',
  flags: { 'interval-ms': INTERVAL },
  async run(ctx) {
    const id = operand(ctx, 'operation id');
    await watch(ctx, id, ctx.flags.integer('interval-ms', 50, 60_000) ?? 1000);
  },
};

const show: Command = {
  path: ['ops', 'show'],
  operands: '<id>',
  summary: 'an operation: status, progress, selector',
  flags: {},
  async run(ctx) {
    const op: Operation = await ctx.client.get(`/v1/admin/operations/${seg(operand(ctx, 'operation id'))}`);
    if (ctx.json) return printJson(ctx, op);
    printOperation(ctx, op);
  },
};

const list: Command = {
  path: ['ops', 'list'],
  summary: 'recent operations, newest first',
  flags: { limit: text('how many, 1 … 500 (default 50)', 'N') },
  async run(ctx) {
    const { items }: { items: Operation[] } = await ctx.client.get('/v1/admin/operations', { limit: ctx.flags.integer('limit', 1, 500) });
    if (ctx.json) return printJson(ctx, { items });
    ctx.io.out(
      formatTable(
        ['ID', 'ACTION', 'STATUS', 'TOTAL', 'DONE', 'OK', 'FAILED', 'SKIPPED', 'ACTOR', 'CREATED', 'REASON'],
        items.map((o) => [o.id, o.action, o.status, o.total, o.done, o.succeeded, o.failed, o.skipped, o.actor, o.createdAt, o.reason]),
      ),
    );
  },
};

const cancel: Command = {
  path: ['ops', 'cancel'],
  operands: '<id>',
  summary: 'stop an operation starting new items (those in flight finish)',
  flags: { reason: REASON },
  async run(ctx) {
    const id = operand(ctx, 'operation id');
    const op: Operation = await ctx.client.post(`/v1/admin/operations/${seg(id)}/cancel`, { reason: ctx.flags.required('reason', '"wrong window"') });
    if (ctx.json) return printJson(ctx, op);
    ctx.io.out(`operation ${op.id} is ${op.status} (${op.done}/${op.total} done); follow it: retrace ops watch ${op.id}`);
  },
};

export const OPERATION_COMMANDS: Command[] = [create, watchCommand, show, list, cancel];
