import { UsageError } from './exit-codes';

/** One `--flag`: a string that takes a value, or a boolean switch. */
export interface FlagSpec {
  type: 'string' | 'boolean';
  description: string;
  /** How the value is shown in help, e.g. `N` or `TIME`. */
  placeholder?: string;
}
export type FlagSpecs = Record<string, FlagSpec>;

export interface ParsedArgs {
  flags: Record<string, string | boolean | undefined>;
  positionals: string[];
}

/** `-h` is the only short flag. */
const SHORT: Record<string, string> = { h: 'help', f: 'file' };

/**
 * Reads `--name value`, `--name=value`, boolean `--name` and positionals (anything after `--` is
 * positional). Throws {@link UsageError} for an unknown flag (suggesting the nearest known one), a
 * missing value, a value given to a switch, or a flag given twice.
 */
export function parseArgs(argv: readonly string[], specs: FlagSpecs): ParsedArgs {
  const flags: ParsedArgs['flags'] = {};
  const positionals: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i];
    if (token === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!token.startsWith('-') || token === '-' || /^-\d/.test(token)) {
      positionals.push(token);
      continue;
    }
    const long = token.startsWith('--');
    const body = long ? token.slice(2) : token.slice(1);
    const eq = body.indexOf('=');
    const rawName = eq === -1 ? body : body.slice(0, eq);
    const name = long ? rawName : SHORT[rawName];
    const spec = name === undefined ? undefined : specs[name];
    if (name === undefined || spec === undefined) throw new UsageError(`unknown option ${long ? '--' : '-'}${rawName}${suggest(rawName, Object.keys(specs))}`);
    if (flags[name] !== undefined) throw new UsageError(`--${name} is given twice; give it once`);
    if (spec.type === 'boolean') {
      if (eq !== -1) throw new UsageError(`--${name} is a switch and takes no value (got --${name}=${body.slice(eq + 1)})`);
      flags[name] = true;
      continue;
    }
    if (eq !== -1) {
      flags[name] = body.slice(eq + 1);
      continue;
    }
    const value = argv[i + 1];
    if (value === undefined || (value.startsWith('--') && value.length > 2)) {
      throw new UsageError(`--${name} needs a value: --${name} ${spec.placeholder ?? 'VALUE'}`);
    }
    flags[name] = value;
    i++;
  }
  return { flags, positionals };
}

function suggest(name: string, known: string[]): string {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of known) {
    const d = distance(name, candidate);
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(name.length / 3)) ? ` (did you mean --${best}?)` : '';
}

/** Levenshtein distance, for "did you mean". */
export function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}

/** Typed reads of parsed flags, each throwing a {@link UsageError} that says what would work. */
export class FlagReader {
  constructor(private readonly flags: ParsedArgs['flags']) {}

  string(name: string): string | undefined {
    const value = this.flags[name];
    return typeof value === 'string' ? value : undefined;
  }

  required(name: string, example: string): string {
    const value = this.string(name);
    if (value === undefined || value.trim() === '') throw new UsageError(`--${name} is required, e.g. --${name} ${example}`);
    return value;
  }

  bool(name: string): boolean {
    return this.flags[name] === true;
  }

  integer(name: string, min: number, max = Number.MAX_SAFE_INTEGER): number | undefined {
    const raw = this.string(name);
    if (raw === undefined) return undefined;
    const value = Number(raw);
    if (!/^-?\d+$/.test(raw.trim()) || !Number.isSafeInteger(value) || value < min || value > max) {
      throw new UsageError(`--${name} must be an integer from ${min} to ${max} (got ${JSON.stringify(raw)})`);
    }
    return value;
  }

  /** An ISO-8601 time with a zone, passed on as written. */
  time(name: string): string | undefined {
    const raw = this.string(name);
    if (raw === undefined) return undefined;
    if (!/(Z|[+-]\d\d:?\d\d)$/i.test(raw.trim()) || Number.isNaN(Date.parse(raw))) {
      throw new UsageError(`--${name} must be an ISO-8601 time with a zone, e.g. 2026-11-20T10:02:00Z (got ${JSON.stringify(raw)})`);
    }
    return raw.trim();
  }

  list(name: string): string[] | undefined {
    const raw = this.string(name);
    if (raw === undefined) return undefined;
    const items = raw.split(',').map((s) => s.trim()).filter(Boolean);
    if (items.length === 0) throw new UsageError(`--${name} needs at least one value, comma-separated (got ${JSON.stringify(raw)})`);
    return items;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[]): T | undefined {
    const raw = this.string(name);
    if (raw === undefined) return undefined;
    if (!(allowed as readonly string[]).includes(raw)) throw new UsageError(`--${name} must be one of ${allowed.join(', ')} (got ${JSON.stringify(raw)})`);
    return raw as T;
  }
}
