import { type ConfigProblem, InvalidConfigError } from './invalid-config.error';
import { parseApiKeys } from './parse-api-keys';
import { CONFIG_DEFAULTS, isLoopbackHost, LOG_LEVELS, type LogLevel, type RetraceConfig } from './retrace-config';

export type Env = Readonly<Record<string, string | undefined>>;

const SCHEMA_PATTERN = /^[a-z_][a-z0-9_]{0,62}$/;
const QUEUE_PREFIX_PATTERN = /^(?:[A-Za-z0-9_.-]{1,64}|\{[A-Za-z0-9_.-]{1,62}\})$/;

/**
 * Reads and validates the orchestrator's environment. Pure: give it `process.env` or a literal.
 * Every problem is collected before throwing, so one failed start shows everything to fix.
 *
 * @throws InvalidConfigError listing each bad variable, why, and what would work.
 */
export function loadConfig(env: Env): RetraceConfig {
  const problems: ConfigProblem[] = [];
  const read = (name: string): string | undefined => {
    const value = env[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  };
  const int = (name: string, fallback: number, min: number, max: number, hint: string): number => {
    const raw = read(name);
    if (raw === undefined) return fallback;
    const value = /^\d+$/.test(raw) ? Number(raw) : NaN;
    if (!Number.isSafeInteger(value) || value < min || value > max) {
      problems.push({ variable: name, problem: `"${raw}" is not a whole number from ${min} to ${max}; ${hint}` });
      return fallback;
    }
    return value;
  };

  const port = int('PORT', CONFIG_DEFAULTS.port, 1, 65_535, `the default is ${CONFIG_DEFAULTS.port}`);
  const host = read('HOST') ?? CONFIG_DEFAULTS.host;
  if (/\s/.test(host)) problems.push({ variable: 'HOST', problem: `"${host}" contains whitespace; use an address such as 127.0.0.1` });

  const databaseUrl = read('DATABASE_URL');
  if (databaseUrl !== undefined) checkUrl('DATABASE_URL', databaseUrl, ['postgres:', 'postgresql:'], 'postgres://user:password@host:5432/retrace', problems);
  const redisUrl = read('REDIS_URL');
  if (redisUrl !== undefined) checkRedisUrl(redisUrl, problems);

  const replyStreamRaw = (read('RETRACE_REPLY_STREAM') ?? (CONFIG_DEFAULTS.replyStream ? 'on' : 'off')).toLowerCase();
  if (replyStreamRaw !== 'on' && replyStreamRaw !== 'off') {
    problems.push({ variable: 'RETRACE_REPLY_STREAM', problem: `"${replyStreamRaw}" is neither on nor off; off makes workers reply with jobs only (for Redis before 6.2)` });
  }

  const problemsBeforeKeys = problems.length;
  const apiKeys = parseApiKeys(read('RETRACE_API_KEYS'), problems);
  const keysAreBroken = problems.length > problemsBeforeKeys;
  if (apiKeys.length === 0 && !keysAreBroken && !isLoopbackHost(host)) {
    problems.push({
      variable: 'HOST',
      problem:
        `"${host}" is reachable from other machines but RETRACE_API_KEYS is unset, so anyone could operate Retrace; ` +
        'set RETRACE_API_KEYS, or bind a loopback address (127.0.0.1, ::1, localhost)',
    });
  }

  const maxPayloadBytes = int('RETRACE_MAX_PAYLOAD_BYTES', CONFIG_DEFAULTS.maxPayloadBytes, 1024, 100 * 1024 * 1024, `the default is ${CONFIG_DEFAULTS.maxPayloadBytes} (256 KiB)`);
  const confirmAbove = int('RETRACE_CONFIRM_ABOVE', CONFIG_DEFAULTS.confirmAbove, 1, Number.MAX_SAFE_INTEGER, `the default is ${CONFIG_DEFAULTS.confirmAbove}`);
  const rateLimit = int('RETRACE_RATE_LIMIT', CONFIG_DEFAULTS.rateLimit, 0, 1_000_000_000, `requests per minute per key; 0 turns the limit off; the default is ${CONFIG_DEFAULTS.rateLimit}`);
  const embeddedPgPort = int('RETRACE_EMBEDDED_PG_PORT', CONFIG_DEFAULTS.embeddedPgPort, 1, 65_535, `the default is ${CONFIG_DEFAULTS.embeddedPgPort}`);
  if (databaseUrl === undefined && embeddedPgPort === port) {
    problems.push({ variable: 'RETRACE_EMBEDDED_PG_PORT', problem: `${embeddedPgPort} is also PORT; the embedded PostgreSQL needs its own port` });
  }

  const dbSchema = read('RETRACE_DB_SCHEMA') ?? CONFIG_DEFAULTS.dbSchema;
  if (!SCHEMA_PATTERN.test(dbSchema) || dbSchema.startsWith('pg_')) {
    problems.push({
      variable: 'RETRACE_DB_SCHEMA',
      problem: `"${dbSchema}" is not a plain PostgreSQL identifier; use lowercase letters, digits and _ (not starting with a digit or pg_, at most 63), e.g. retrace`,
    });
  }

  const queuePrefix = read('RETRACE_QUEUE_PREFIX') ?? CONFIG_DEFAULTS.queuePrefix;
  if (!QUEUE_PREFIX_PATTERN.test(queuePrefix)) {
    problems.push({
      variable: 'RETRACE_QUEUE_PREFIX',
      problem: `"${queuePrefix}" is not a usable Redis key prefix; use 1-64 letters, digits, '_', '-', '.', optionally in {braces} as a Redis Cluster hash tag (no ':'), e.g. retrace or {retrace}`,
    });
  }

  const logLevel = (read('RETRACE_LOG_LEVEL') ?? CONFIG_DEFAULTS.logLevel).toLowerCase();
  if (!LOG_LEVELS.includes(logLevel as LogLevel)) {
    problems.push({ variable: 'RETRACE_LOG_LEVEL', problem: `"${logLevel}" is not a level; use one of ${LOG_LEVELS.join(', ')}` });
  }

  if (problems.length > 0) throw new InvalidConfigError(problems);
  return {
    port,
    host,
    ...(databaseUrl !== undefined ? { databaseUrl } : {}),
    ...(redisUrl !== undefined ? { redisUrl } : {}),
    ...(read('RETRACE_CONSOLE_DIR') !== undefined ? { consoleDir: read('RETRACE_CONSOLE_DIR') } : {}),
    dataDir: read('RETRACE_DATA_DIR') ?? CONFIG_DEFAULTS.dataDir,
    queuePrefix,
    apiKeys,
    maxPayloadBytes,
    confirmAbove,
    dbSchema,
    embeddedPgPort,
    logLevel: logLevel as LogLevel,
    rateLimit,
    replyStream: replyStreamRaw !== 'off',
  };
}

function checkUrl(variable: string, raw: string, protocols: string[], example: string, problems: ConfigProblem[]): URL | undefined {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    problems.push({ variable, problem: `is not a URL; expected e.g. ${example}` });
    return undefined;
  }
  if (!protocols.includes(url.protocol)) {
    problems.push({ variable, problem: `scheme "${url.protocol}" is not supported; use ${protocols.join(' or ')} (e.g. ${example})` });
    return undefined;
  }
  return url;
}

function checkRedisUrl(raw: string, problems: ConfigProblem[]): void {
  const url = checkUrl('REDIS_URL', raw, ['redis:', 'rediss:'], 'redis://127.0.0.1:6379/0', problems);
  if (url && url.pathname !== '' && url.pathname !== '/' && !/^\/\d{1,5}$/.test(url.pathname)) {
    problems.push({ variable: 'REDIS_URL', problem: `path "${url.pathname}" must be a database index such as /0 or /3` });
  }
}
