/** How long the fault suite runs, how hard it publishes, and how many of each fault it causes. */
export interface ChaosOptions {
  /** How long the publisher runs; the faults are spread over this window. */
  durationMs: number;
  /** Messages published per second. */
  ratePerSecond: number;
  orchestratorKills: number;
  redisLosses: number;
  postgresRestarts: number;
  workerKills: number;
  /** After the load stops: how long to wait for every accepted message to be terminal. */
  settleTimeoutMs: number;
  /** Run a second orchestrator process for the middle half of the load. */
  sideBySide: boolean;
  /** Every n-th message fails for good at `charge` and is compensated. */
  failEvery: number;
}

/** The version `npm test` runs (test/chaos.e2e-spec.ts): one of each fault. */
export const SHORT_CHAOS: ChaosOptions = {
  durationMs: 30_000,
  ratePerSecond: 20,
  orchestratorKills: 1,
  redisLosses: 1,
  postgresRestarts: 1,
  workerKills: 1,
  settleTimeoutMs: 120_000,
  sideBySide: true,
  failEvery: 5,
};

/** `npm run chaos` without flags. */
export const FULL_CHAOS: ChaosOptions = {
  durationMs: 240_000,
  ratePerSecond: 25,
  orchestratorKills: 5,
  redisLosses: 2,
  postgresRestarts: 2,
  workerKills: 3,
  settleTimeoutMs: 300_000,
  sideBySide: true,
  failEvery: 5,
};

/** Flag (and `CHAOS_<NAME>` variable) → option, with the bounds a value must keep. */
const NUMERIC = {
  'duration-s': { key: 'durationMs', scale: 1000, min: 5, max: 3600 },
  rate: { key: 'ratePerSecond', scale: 1, min: 1, max: 500 },
  'orchestrator-kills': { key: 'orchestratorKills', scale: 1, min: 0, max: 100 },
  'redis-losses': { key: 'redisLosses', scale: 1, min: 0, max: 100 },
  'postgres-restarts': { key: 'postgresRestarts', scale: 1, min: 0, max: 100 },
  'worker-kills': { key: 'workerKills', scale: 1, min: 0, max: 100 },
  'settle-s': { key: 'settleTimeoutMs', scale: 1000, min: 10, max: 3600 },
  'fail-every': { key: 'failEvery', scale: 1, min: 1, max: 1_000_000 },
} as const;
type NumericFlag = keyof typeof NUMERIC;

export const CHAOS_USAGE = [
  'usage: npm run chaos -- [--short] [--duration-s N] [--rate N] [--orchestrator-kills N] [--redis-losses N]',
  '         [--postgres-restarts N] [--worker-kills N] [--settle-s N] [--fail-every N] [--no-side-by-side]',
  `defaults: ${describeOptions(FULL_CHAOS)}; --short starts from ${describeOptions(SHORT_CHAOS)}`,
  'each flag may also be set as CHAOS_<FLAG> (e.g. CHAOS_DURATION_S=600); a flag wins over the variable',
].join('\n');

export class ChaosUsageError extends Error {}

/** Reads the flags, then `CHAOS_*` variables under them; throws ChaosUsageError naming what is wrong. */
export function parseChaosOptions(argv: string[], env: NodeJS.ProcessEnv): ChaosOptions {
  const short = argv.includes('--short') || env.CHAOS_PROFILE === 'short';
  const options: ChaosOptions = { ...(short ? SHORT_CHAOS : FULL_CHAOS) };
  const given = new Map<NumericFlag, string>();
  for (const flag of Object.keys(NUMERIC) as NumericFlag[]) {
    const fromEnv = env[`CHAOS_${flag.toUpperCase().replace(/-/g, '_')}`];
    if (fromEnv !== undefined && fromEnv !== '') given.set(flag, fromEnv);
  }
  if (env.CHAOS_SIDE_BY_SIDE === '0') options.sideBySide = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--short') continue;
    if (arg === '--no-side-by-side') {
      options.sideBySide = false;
      continue;
    }
    const [name, inline] = arg.replace(/^--/, '').split('=', 2);
    if (!arg.startsWith('--') || !(name in NUMERIC)) {
      throw new ChaosUsageError(`unknown argument ${JSON.stringify(arg)}\n${CHAOS_USAGE}`);
    }
    const value = inline ?? argv[++i];
    if (value === undefined) throw new ChaosUsageError(`--${name} needs a number\n${CHAOS_USAGE}`);
    given.set(name as NumericFlag, value);
  }
  for (const [flag, raw] of given) {
    const { key, scale, min, max } = NUMERIC[flag];
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      throw new ChaosUsageError(`--${flag} (or CHAOS_${flag.toUpperCase().replace(/-/g, '_')}) must be an integer from ${min} to ${max}, got ${JSON.stringify(raw)}`);
    }
    options[key] = value * scale;
  }
  return options;
}

export function describeOptions(o: ChaosOptions): string {
  return (
    `${o.durationMs / 1000} s at ${o.ratePerSecond}/s, ${o.orchestratorKills} orchestrator kill(s), ${o.redisLosses} Redis loss(es), ` +
    `${o.postgresRestarts} PostgreSQL restart(s), ${o.workerKills} worker kill(s), settle ≤ ${o.settleTimeoutMs / 1000} s` +
    `${o.sideBySide ? ', two orchestrators side by side mid-run' : ''}`
  );
}
