import type { FlagReader, FlagSpecs } from './args';
import type { RetraceClient } from './client';
import { UsageError } from './exit-codes';
import type { Io } from './io';

/** What a command runs with: its flags and positionals, the API client, and the outside world. */
export interface Context {
  flags: FlagReader;
  /** Positionals after the command's own words. */
  args: string[];
  client: RetraceClient;
  io: Io;
  json: boolean;
}

export interface Command {
  /** The words that name it: `['ops', 'create']`. */
  path: string[];
  /** Positionals it takes, as shown in help: `<id>`. */
  operands?: string;
  summary: string;
  /** More help text after the usage line. */
  details?: string;
  flags: FlagSpecs;
  run(ctx: Context): Promise<number | void>;
}

/** Flags every command takes. */
export const GLOBAL_FLAGS: FlagSpecs = {
  url: { type: 'string', placeholder: 'URL', description: 'Retrace base URL (default $RETRACE_URL or http://127.0.0.1:3000)' },
  'api-key': { type: 'string', placeholder: 'KEY', description: 'API key, sent as Authorization: Bearer (default $RETRACE_API_KEY)' },
  json: { type: 'boolean', description: 'print the API answer as JSON instead of tables' },
  help: { type: 'boolean', description: 'show this help' },
};

export const text = (description: string, placeholder = 'VALUE') => ({ type: 'string' as const, description, placeholder });
export const flag = (description: string) => ({ type: 'boolean' as const, description });

export const REASON = text('why (recorded in the log with your key name)', 'TEXT');

/** The single operand a command needs, or a usage error naming it. */
export function operand(ctx: Context, what: string): string {
  if (ctx.args.length !== 1) {
    throw new UsageError(ctx.args.length === 0 ? `missing ${what}` : `expected one ${what}, got ${ctx.args.length}: ${ctx.args.join(' ')}`);
  }
  return ctx.args[0];
}

/** Prints a value as indented JSON (the `--json` output); answers nothing, so `return printJson(…)` exits 0. */
export function printJson(ctx: Context, value: unknown): void {
  ctx.io.out(JSON.stringify(value, null, 2));
}
