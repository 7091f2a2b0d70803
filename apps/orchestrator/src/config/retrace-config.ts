/** What an API key may do: `service` publishes to its sagas, `operator` administers, `viewer` reads. */
export type ApiKeyRole = 'service' | 'operator' | 'viewer';

export const API_KEY_ROLES: readonly ApiKeyRole[] = ['service', 'operator', 'viewer'];

export interface ApiKey {
  readonly name: string;
  readonly role: ApiKeyRole;
  readonly key: string;
  /** Prefix globs (`order*`) of the sagas a service key may touch; always set for `service`. */
  readonly sagas?: readonly string[];
}

export type LogLevel = 'fatal' | 'error' | 'warn' | 'log' | 'debug' | 'verbose';

export const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];

/** The orchestrator's validated settings; see README "Configuration" for each variable. */
export interface RetraceConfig {
  readonly port: number;
  readonly host: string;
  /** Unset: start the embedded PostgreSQL under `dataDir`. */
  readonly databaseUrl?: string;
  /** Unset: BullMQ runs on its PostgreSQL backend in the same database. */
  readonly redisUrl?: string;
  readonly dataDir: string;
  /** Empty: authentication is off and only a loopback `host` is accepted. */
  readonly apiKeys: readonly ApiKey[];
  readonly maxPayloadBytes: number;
  /** Bulk operations touching more messages than this need an explicit confirmation. */
  readonly confirmAbove: number;
  readonly dbSchema: string;
  /** Redis key prefix of every queue; workers must use the same. */
  readonly queuePrefix: string;
  readonly embeddedPgPort: number;
  readonly logLevel: LogLevel;
  /** Requests per minute per API key (per client IP without keys); 0 turns rate limiting off. */
  readonly rateLimit: number;
  /** Where the built web console is (`RETRACE_CONSOLE_DIR`); unset: `dist/console` of this checkout. */
  readonly consoleDir?: string;
  /** Offer workers the reply stream on Redis (`RETRACE_REPLY_STREAM`, docs/worker-protocol.md §4a). */
  readonly replyStream: boolean;
}

export const CONFIG_DEFAULTS = {
  port: 3000,
  host: '127.0.0.1',
  dataDir: '.retrace',
  maxPayloadBytes: 262_144,
  confirmAbove: 1000,
  dbSchema: 'retrace',
  queuePrefix: 'retrace',
  embeddedPgPort: 5488,
  logLevel: 'log',
  rateLimit: 6000,
  replyStream: true,
} as const satisfies Partial<RetraceConfig>;

/** True when `host` only accepts connections from this machine. */
export function isLoopbackHost(host: string): boolean {
  const h = host.trim().toLowerCase().replace(/^\[(.*)\]$/, '$1');
  if (h === 'localhost' || h === '::1' || h === '0:0:0:0:0:0:0:1') return true;
  const v4 = h.startsWith('::ffff:') ? h.slice('::ffff:'.length) : h;
  const m = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(v4);
  return m !== null && m.slice(1).every((octet) => Number(octet) <= 255);
}
