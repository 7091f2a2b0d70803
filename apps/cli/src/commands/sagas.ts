import { seg } from '../client';
import { operand, printJson, text, type Command } from '../command';
import { UsageError } from '../exit-codes';
import { formatFields, formatTable } from '../table';

interface Target {
  queue?: string;
  http?: { url: string; method?: string };
}
interface Saga {
  name: string;
  version: number;
  description: string | null;
  onFailure: string;
  steps: { name: string; action: Target; compensation: Target | null; retry?: { attempts: number; backoff?: { type: string; delayMs: number } }; timeoutMs?: number }[];
  registeredAt: string;
}

const target = (t: Target | null) => (t === null ? 'irreversible' : t.queue !== undefined ? `queue ${t.queue}` : t.http ? `${t.http.method ?? 'POST'} ${t.http.url}` : JSON.stringify(t));

const list: Command = {
  path: ['sagas', 'list'],
  summary: 'registered sagas',
  flags: {},
  async run(ctx) {
    const { items }: { items: Saga[] } = await ctx.client.get('/v1/sagas');
    if (ctx.json) return printJson(ctx, { items });
    ctx.io.out(formatTable(['NAME', 'VERSION', 'STEPS', 'ON FAILURE', 'REGISTERED', 'DESCRIPTION'], items.map((s) => [s.name, s.version, s.steps.length, s.onFailure, s.registeredAt, s.description])));
  },
};

const show: Command = {
  path: ['sagas', 'show'],
  operands: '<name>',
  summary: 'a saga definition (the latest version unless --version)',
  flags: { version: text('this version instead of the latest', 'V') },
  async run(ctx) {
    const name = operand(ctx, 'saga name');
    const s: Saga = await ctx.client.get(`/v1/sagas/${seg(name)}`, { version: ctx.flags.integer('version', 1, 2_147_483_647) });
    if (ctx.json) return printJson(ctx, s);
    ctx.io.out(formatFields([['name', s.name], ['version', s.version], ['description', s.description], ['on failure', s.onFailure], ['registered', s.registeredAt]]));
    ctx.io.out('');
    ctx.io.out(
      formatTable(
        ['STEP', 'ACTION', 'COMPENSATION', 'ATTEMPTS', 'BACKOFF', 'TIMEOUT MS'],
        s.steps.map((step) => [
          step.name,
          target(step.action),
          target(step.compensation),
          step.retry?.attempts,
          step.retry?.backoff ? `${step.retry.backoff.type} ${step.retry.backoff.delayMs} ms` : undefined,
          step.timeoutMs,
        ]),
        { maxCell: 80 },
      ),
    );
  },
};

const register: Command = {
  path: ['sagas', 'register'],
  summary: 'register a saga version from a JSON file (PUT /v1/sagas/{name})',
  details: 'The name comes from --name or the file\'s "name" field; the rest of the file is the body.',
  flags: { file: text('the definition, JSON (- for stdin is not supported)', 'FILE'), name: text('saga name (default: the file\'s "name")', 'NAME') },
  async run(ctx) {
    if (ctx.args.length > 0) throw new UsageError(`sagas register takes no operands (got ${ctx.args.join(' ')}); give the file with -f FILE`);
    const file = ctx.flags.required('file', 'order.saga.json');
    let source: string;
    try {
      source = await ctx.io.readFile(file);
    } catch (error) {
      throw new UsageError(`cannot read ${file} (${(error as Error).message})`);
    }
    let definition: unknown;
    try {
      definition = JSON.parse(source);
    } catch (error) {
      throw new UsageError(`${file} is not JSON (${(error as Error).message})`);
    }
    if (definition === null || typeof definition !== 'object' || Array.isArray(definition)) throw new UsageError(`${file} must hold a JSON object: {"version": 1, "steps": [...]}`);
    const { name: fileName, ...body } = definition as Record<string, unknown>;
    const name = ctx.flags.string('name') ?? (typeof fileName === 'string' ? fileName : undefined);
    if (name === undefined) throw new UsageError(`no saga name: pass --name NAME or put "name" in ${file}`);
    const answer = await ctx.client.call<{ name: string; version: number }>('PUT', `/v1/sagas/${seg(name)}`, { body });
    if (ctx.json) return printJson(ctx, { ...answer.body, created: answer.status === 201 });
    ctx.io.out(`${answer.status === 201 ? 'registered' : 'already registered (same body)'}: ${answer.body.name} version ${answer.body.version}`);
  },
};

export const SAGA_COMMANDS: Command[] = [list, show, register];
