import type { MessageStatus, StepStatus } from '@retrace/domain';
import { seg } from '../client';
import { flag, operand, printJson, REASON, text, type Command, type Context } from '../command';
import { UsageError } from '../exit-codes';
import { compactJson, formatFields, formatTable } from '../table';

/** The message view of `GET /v1/messages/{id}`. */
export interface MessageView {
  id: string;
  saga: string;
  sagaVersion: number;
  type: string;
  status: MessageStatus;
  correlationId: string | null;
  runId: string | null;
  createdAt: string;
  updatedAt: string;
  payload?: unknown;
  steps: { name: string; status: StepStatus; attempts: number; result: unknown; error: { message?: string; code?: string } | null }[];
}

interface StreamEvent {
  position: number;
  version: number;
  type: string;
  data: Record<string, unknown>;
  metadata: { actor: string | null; reason: string | null; runId: string | null; operationId?: string };
  createdAt: string;
}

const stepsDone = (m: MessageView) => `${m.steps.filter((s) => s.status === 'SUCCEEDED').length}/${m.steps.length}`;

function printMessage(ctx: Context, m: MessageView): void {
  ctx.io.out(
    formatFields([
      ['id', m.id],
      ['saga', `${m.saga} v${m.sagaVersion}`],
      ['type', m.type],
      ['status', m.status],
      ['run', m.runId],
      ['correlation', m.correlationId],
      ['created', m.createdAt],
      ['updated', m.updatedAt],
      ['payload', compactJson(m.payload)],
    ]),
  );
  ctx.io.out('');
  ctx.io.out(
    formatTable(
      ['STEP', 'STATUS', 'ATTEMPTS', 'RESULT', 'ERROR'],
      m.steps.map((s) => [s.name, s.status, s.attempts, compactJson(s.result), s.error?.message ?? compactJson(s.error)]),
    ),
  );
}

const list: Command = {
  path: ['messages', 'list'],
  summary: 'list messages, newest first',
  details: 'Without --all one page is shown; continue with --cursor <next cursor>.',
  flags: {
    status: text('any of these statuses, comma-separated (FAILED,COMPENSATED)', 'S,S'),
    saga: text('only this saga', 'NAME'),
    from: text('accepted at or after this ISO-8601 time', 'TIME'),
    to: text('accepted at or before this ISO-8601 time', 'TIME'),
    limit: text('messages per page, 1 … 500 (default 50)', 'N'),
    cursor: text('continue after a previous page', 'CURSOR'),
    all: flag('follow every page to the end'),
  },
  async run(ctx) {
    const limit = ctx.flags.integer('limit', 1, 500);
    const all = ctx.flags.bool('all');
    const query = {
      status: ctx.flags.list('status')?.map((s) => s.toUpperCase()).join(','),
      saga: ctx.flags.string('saga'),
      from: ctx.flags.time('from'),
      to: ctx.flags.time('to'),
      limit: limit ?? (all ? 500 : undefined),
      cursor: ctx.flags.string('cursor'),
    };
    if (ctx.args.length > 0) throw new UsageError(`messages list takes no operands (got ${ctx.args.join(' ')}); to see one message: retrace messages show <id>`);
    const items: MessageView[] = [];
    let nextCursor: string | null = null;
    for (;;) {
      const page: { items: MessageView[]; nextCursor: string | null } = await ctx.client.get('/v1/messages', { ...query, cursor: nextCursor ?? query.cursor });
      items.push(...page.items);
      nextCursor = page.nextCursor;
      if (!all || nextCursor === null) break;
    }
    if (ctx.json) return printJson(ctx, { items, nextCursor });
    ctx.io.out(formatTable(['ID', 'SAGA', 'VERSION', 'STATUS', 'STEPS OK', 'CREATED', 'UPDATED'], items.map((m) => [m.id, m.saga, m.sagaVersion, m.status, stepsDone(m), m.createdAt, m.updatedAt])));
    if (nextCursor !== null) ctx.io.err(`more: --cursor ${nextCursor} (or --all)`);
  },
};

const show: Command = {
  path: ['messages', 'show'],
  operands: '<id>',
  summary: 'a message: status, run, payload, and its steps',
  flags: {},
  async run(ctx) {
    const m: MessageView = await ctx.client.get(`/v1/messages/${seg(operand(ctx, 'message id'))}`);
    if (ctx.json) return printJson(ctx, m);
    printMessage(ctx, m);
  },
};

const str = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : undefined);

const events: Command = {
  path: ['messages', 'events'],
  operands: '<id>',
  summary: "a message's history, oldest first: who did what, why, and what failed",
  flags: {},
  async run(ctx) {
    const { events: list }: { events: StreamEvent[] } = await ctx.client.get(`/v1/messages/${seg(operand(ctx, 'message id'))}/events`);
    if (ctx.json) return printJson(ctx, { events: list });
    ctx.io.out(
      formatTable(
        ['POSITION', 'TIME', 'TYPE', 'STEP', 'KIND', 'ATTEMPT', 'ACTOR', 'REASON', 'ERROR'],
        list.map((e) => {
          const error = e.data.error as { message?: string } | undefined;
          return [e.position, e.createdAt, e.type, str(e.data.step), str(e.data.kind), e.data.attempt as number | undefined, e.metadata.actor, e.metadata.reason, error?.message];
        }),
        { maxCell: 80 },
      ),
    );
  },
};

/** Reads `--patch` as inline JSON or `@file`; it must be a JSON object (a JSON Merge Patch). */
export async function readPatch(ctx: Context): Promise<Record<string, unknown> | undefined> {
  const raw = ctx.flags.string('patch');
  if (raw === undefined) return undefined;
  let source = raw;
  if (raw.startsWith('@')) {
    try {
      source = await ctx.io.readFile(raw.slice(1));
    } catch (error) {
      throw new UsageError(`--patch ${raw}: cannot read ${raw.slice(1)} (${(error as Error).message})`);
    }
  }
  let value: unknown;
  try {
    value = JSON.parse(source);
  } catch (error) {
    throw new UsageError(`--patch must be a JSON object or @file holding one, e.g. --patch '{"card": null}' (${(error as Error).message})`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new UsageError('--patch must be a JSON object (a JSON Merge Patch on the payload)');
  return value as Record<string, unknown>;
}

const REPLAY_FLAGS = {
  mode: text('resume (default: from the first step not in place) or restart', 'resume|restart'),
  'from-step': text('replay from this step', 'STEP'),
  force: flag('replay a COMPLETED message too'),
  patch: text('JSON Merge Patch on the payload for the new run, inline or @file', 'JSON|@FILE'),
};

function action(name: 'retract' | 'cancel' | 'undo' | 'replay', summary: string, extra: Command['flags']): Command {
  return {
    path: [name],
    operands: '<id>',
    summary,
    flags: { reason: REASON, ...extra },
    async run(ctx) {
      const id = operand(ctx, 'message id');
      const reason = ctx.flags.required('reason', '"bad deploy 10:02-10:17"');
      const body: Record<string, unknown> = { reason };
      if (name === 'undo' && ctx.flags.bool('force')) body.force = true;
      if (name === 'replay') {
        body.mode = ctx.flags.oneOf('mode', ['resume', 'restart'] as const) ?? 'resume';
        const fromStep = ctx.flags.string('from-step');
        if (fromStep !== undefined) body.fromStep = fromStep;
        if (ctx.flags.bool('force')) body.force = true;
        const patch = await readPatch(ctx);
        if (patch !== undefined) body.patch = patch;
      }
      const m: MessageView = await ctx.client.post(`/v1/admin/messages/${seg(id)}/${name}`, body);
      if (ctx.json) return printJson(ctx, m);
      ctx.io.out(`${name} of ${m.id} recorded; status now ${m.status}${m.runId ? `, run ${m.runId}` : ''}`);
      ctx.io.out(`follow it: retrace messages events ${m.id}`);
    },
  };
}

export const MESSAGE_COMMANDS: Command[] = [
  list,
  show,
  events,
  action('retract', 'withdraw a message no step has started (PENDING or delayed)', {}),
  action('cancel', 'stop a PROCESSING message and compensate its completed steps', {}),
  action('undo', 'compensate the completed steps of a message, in reverse', { force: flag('skip irreversible steps (recorded)') }),
  action('replay', 'run a message again as a new run', REPLAY_FLAGS),
];
export { REPLAY_FLAGS };
