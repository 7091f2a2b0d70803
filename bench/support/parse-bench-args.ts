import { FIGURE_ALIASES, FIGURES, type FigureName, isFigureName } from './figures-catalog';

/** What `npm run bench -- …` asked for. */
export interface BenchArgs {
  quick: boolean;
  rounds: number;
  /** The figures to measure; every figure when `--only` is absent. */
  only: ReadonlySet<FigureName>;
}

export const DEFAULT_ROUNDS = 3;
export const MIN_ROUNDS = 3;
const MAX_ROUNDS = 50;

export const USAGE = `Usage: npm run bench -- [--quick] [--rounds N] [--only figure,figure,...]

  --quick       smaller workloads (about 2-3 minutes in all); the JSON says what was smaller
  --rounds N    rounds per figure, ${MIN_ROUNDS} … ${MAX_ROUNDS} (default ${DEFAULT_ROUNDS}); the median is reported with min and max
  --only LIST   comma-separated figures: ${Object.keys(FIGURES).join(', ')}
                (also ${Object.keys(FIGURE_ALIASES).join(', ')}); figures that share a group run together`;

/** A command line the bench cannot run; the message says what was wrong and what would work. */
export class BenchUsageError extends Error {
  constructor(problem: string) {
    super(`${problem}\n\n${USAGE}`);
    this.name = 'BenchUsageError';
  }
}

/** Parses the bench's arguments; returns 'help' for --help / -h. */
export function parseBenchArgs(argv: readonly string[]): BenchArgs | 'help' {
  let quick = false;
  let rounds: number | undefined;
  let only: Set<FigureName> | undefined;
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].startsWith('--') && argv[i].includes('=') ? argv[i].split(/=(.*)/s, 2) : [argv[i], undefined];
    const value = (): string => {
      const next = inline ?? argv[++i];
      if (next === undefined || (inline === undefined && next.startsWith('--'))) throw new BenchUsageError(`${flag} needs a value`);
      return next;
    };
    switch (flag) {
      case '--help':
      case '-h':
        return 'help';
      case '--quick':
        if (inline !== undefined) throw new BenchUsageError('--quick takes no value');
        quick = true;
        break;
      case '--rounds':
        if (rounds !== undefined) throw new BenchUsageError('--rounds was given twice');
        rounds = parseRounds(value());
        break;
      case '--only':
        if (only !== undefined) throw new BenchUsageError('--only was given twice; list every figure in one comma-separated value');
        only = parseOnly(value());
        break;
      default:
        throw new BenchUsageError(`unknown argument '${argv[i]}'`);
    }
  }
  return { quick, rounds: rounds ?? DEFAULT_ROUNDS, only: only ?? new Set(Object.keys(FIGURES) as FigureName[]) };
}

function parseRounds(text: string): number {
  const rounds = Number(text);
  if (!/^\d+$/.test(text) || rounds < MIN_ROUNDS || rounds > MAX_ROUNDS) {
    throw new BenchUsageError(`--rounds must be a whole number from ${MIN_ROUNDS} to ${MAX_ROUNDS} (a median needs at least ${MIN_ROUNDS}), got '${text}'`);
  }
  return rounds;
}

function parseOnly(text: string): Set<FigureName> {
  const names = text.split(',').map((name) => name.trim()).filter((name) => name.length > 0);
  if (names.length === 0) throw new BenchUsageError('--only needs at least one figure name');
  const selected = new Set<FigureName>();
  for (const name of names) {
    if (isFigureName(name)) selected.add(name);
    else if (Object.hasOwn(FIGURE_ALIASES, name)) FIGURE_ALIASES[name].forEach((figure) => selected.add(figure));
    else throw new BenchUsageError(`--only: '${name}' is not a figure${nearest(name)}`);
  }
  return selected;
}

function nearest(name: string): string {
  const lower = name.toLowerCase();
  const match = [...Object.keys(FIGURES), ...Object.keys(FIGURE_ALIASES)].find(
    (known) => known.toLowerCase() === lower || known.toLowerCase().startsWith(lower) || lower.startsWith(known.toLowerCase()),
  );
  return match ? ` (did you mean '${match}'?)` : '';
}
