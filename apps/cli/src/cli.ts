import { FlagReader, parseArgs, type FlagSpecs } from './args';
import { RetraceClient } from './client';
import { GLOBAL_FLAGS, type Command } from './command';
import { MESSAGE_COMMANDS } from './commands/messages';
import { OPERATION_COMMANDS } from './commands/operations';
import { PROJECTION_COMMANDS } from './commands/projections';
import { SAGA_COMMANDS } from './commands/sagas';
import { STATS_COMMANDS } from './commands/stats';
import { SUBSCRIPTION_COMMANDS } from './commands/subscriptions';
import { ApiError, EXIT, UnfinishedError, UnreachableError, UsageError } from './exit-codes';
import type { Io } from './io';

export const COMMANDS: Command[] = [
  ...MESSAGE_COMMANDS,
  ...OPERATION_COMMANDS,
  ...SUBSCRIPTION_COMMANDS,
  ...STATS_COMMANDS,
  ...SAGA_COMMANDS,
  ...PROJECTION_COMMANDS,
];

const EXIT_CODES = `Exit codes: 0 ok · 1 the server refused (4xx; its error code and message are printed) ·
2 usage error · 3 server unreachable or 5xx · 4 a watched operation ended cancelled or failed or
with failed items, or a rebuild failed.`;

const name = (c: Command) => c.path.join(' ');

function flagLines(specs: FlagSpecs): string {
  const rows = Object.entries(specs).map(([flag, spec]) => [`--${flag}${spec.type === 'string' ? ` ${spec.placeholder ?? 'VALUE'}` : ''}`, spec.description]);
  const width = Math.max(...rows.map(([left]) => left.length));
  return rows.map(([left, right]) => `  ${left.padEnd(width)}  ${right}`).join('\n');
}

export function commandHelp(c: Command): string {
  const flags = Object.entries(c.flags).map(([f, s]) => (s.type === 'string' ? `[--${f} ${s.placeholder ?? 'VALUE'}]` : `[--${f}]`));
  return [
    `usage: retrace ${name(c)}${c.operands ? ` ${c.operands}` : ''} ${flags.join(' ')}`.trimEnd(),
    '',
    c.summary,
    ...(c.details ? ['', c.details] : []),
    ...(Object.keys(c.flags).length > 0 ? ['', 'Options:', flagLines(c.flags)] : []),
    '',
    'Global options:',
    flagLines(GLOBAL_FLAGS),
  ].join('\n');
}

export function overallHelp(prefix: string[] = []): string {
  const shown = COMMANDS.filter((c) => prefix.every((word, i) => c.path[i] === word));
  const rows = shown.map((c) => [`${name(c)}${c.operands ? ` ${c.operands}` : ''}`, c.summary]);
  const width = Math.max(...rows.map(([left]) => left.length));
  return [
    `usage: retrace ${prefix.length > 0 ? `${prefix.join(' ')} ` : ''}<command> [options]`,
    '',
    'Operate a running Retrace through its admin API.',
    '',
    'Commands:',
    ...rows.map(([left, right]) => `  ${left.padEnd(width)}  ${right}`),
    '',
    'Global options:',
    flagLines(GLOBAL_FLAGS),
    '',
    `Run \`retrace <command> --help\` for a command's options.`,
    '',
    EXIT_CODES,
  ].join('\n');
}

/**
 * The command named by the leading words of argv (global options may come before them:
 * `retrace --url U --json messages list`), and the rest of argv, those options included.
 */
function findCommand(argv: string[]): { command?: Command; rest: string[]; group: string[]; words: string[] } {
  const lead: string[] = [];
  let i = 0;
  while (i < argv.length && argv[i].startsWith('-')) {
    const flagName = argv[i].replace(/^--?/, '').split('=')[0];
    const spec = GLOBAL_FLAGS[flagName === 'h' ? 'help' : flagName];
    if (spec === undefined) break;
    const takesNext = spec.type === 'string' && !argv[i].includes('=');
    lead.push(...argv.slice(i, takesNext ? i + 2 : i + 1));
    i += takesNext ? 2 : 1;
  }
  const words = argv.slice(i);
  for (const c of COMMANDS) {
    if (c.path.every((word, n) => words[n] === word)) return { command: c, rest: [...words.slice(c.path.length), ...lead], group: c.path, words };
  }
  const group = COMMANDS.some((c) => c.path.length > 1 && c.path[0] === words[0]) ? [words[0]] : [];
  return { rest: [...words.slice(group.length), ...lead], group, words };
}

/** Runs one command line and answers the exit code; never throws. */
export async function runCli(argv: string[], io: Io, fetchImpl?: typeof fetch): Promise<number> {
  const { command, rest, group, words } = findCommand(argv[0] === 'help' ? [...argv.slice(1), '--help'] : argv);
  try {
    if (command === undefined) {
      const wantsHelp = rest.includes('--help') || rest.includes('-h');
      const next = words[group.length] as string | undefined;
      const unknown = next?.startsWith('-') === true ? undefined : next;
      if (unknown === undefined) {
        if (wantsHelp) io.out(overallHelp(group));
        else io.err(overallHelp(group));
        return wantsHelp ? EXIT.ok : EXIT.usage;
      }
      const known = COMMANDS.filter((c) => group.every((w, i) => c.path[i] === w)).map((c) => c.path[group.length]);
      throw new UsageError(
        `unknown command "${[...group, unknown].join(' ')}"; one of: ${[...new Set(known)].join(', ')}`,
        group.join(' '),
      );
    }
    const parsed = parseArgs(rest, { ...GLOBAL_FLAGS, ...command.flags });
    if (parsed.flags.help === true) {
      io.out(commandHelp(command));
      return EXIT.ok;
    }
    const flags = new FlagReader(parsed.flags);
    const url = flags.string('url') ?? io.env.RETRACE_URL ?? 'http://127.0.0.1:3000';
    if (!/^https?:\/\/[^/]+/.test(url) || !URL.canParse(url)) throw new UsageError(`--url must be an http(s) URL such as http://127.0.0.1:3000 (got ${JSON.stringify(url)})`);
    const apiKey = flags.string('api-key') ?? (io.env.RETRACE_API_KEY || undefined);
    const client = new RetraceClient(url, apiKey, fetchImpl);
    const code = await command.run({ flags, args: parsed.positionals, client, io, json: flags.bool('json') });
    return typeof code === 'number' ? code : EXIT.ok;
  } catch (error) {
    return report(error, io, command);
  }
}

function report(error: unknown, io: Io, command: Command | undefined): number {
  if (error instanceof UsageError) {
    io.err(`retrace: ${error.message}`);
    io.err(`run \`retrace ${command ? name(command) : (error.helpFor ?? '')}${command || error.helpFor ? ' ' : ''}--help\` for what works`.replace('  ', ' '));
    return EXIT.usage;
  }
  if (error instanceof ApiError) {
    io.err(`retrace: ${error.code} (HTTP ${error.status}): ${error.message}`);
    const issues = (error.details as { issues?: { path: string; message: string }[] } | undefined)?.issues;
    for (const issue of issues ?? []) io.err(`  ${issue.path || '(body)'}: ${issue.message}`);
    return error.status >= 500 ? EXIT.unavailable : EXIT.refused;
  }
  if (error instanceof UnreachableError) {
    io.err(`retrace: ${error.message}`);
    return EXIT.unavailable;
  }
  if (error instanceof UnfinishedError) {
    io.err(`retrace: ${error.message}`);
    return EXIT.unfinished;
  }
  io.err(`retrace: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  return EXIT.unavailable;
}
