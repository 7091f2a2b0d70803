import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { LoggerService } from '@nestjs/common';
import { Client } from 'pg';
import { EmbeddedPostgresError } from './embedded-postgres.error';
import { loadEmbeddedPostgres } from './load-embedded-postgres';

export interface EmbeddedPostgresSettings {
  /** `RETRACE_DATA_DIR`; the cluster lives in `<dataDir>/postgres`. */
  readonly dataDir: string;
  readonly port: number;
  readonly database?: string;
  readonly logger: LoggerService;
}

export interface RunningEmbeddedPostgres {
  readonly url: string;
  /** True when this start created the cluster. */
  readonly initialised: boolean;
  /** Stops PostgreSQL (fast shutdown); safe to call twice. */
  stop(): Promise<void>;
}

const PG_USER = 'postgres';
const RECENT_LOG_LINES = 30;

/**
 * Starts the PostgreSQL that ships in `embedded-postgres`, persistent under `<dataDir>/postgres`,
 * listening on 127.0.0.1 only. The cluster is created on first use (with a random password kept
 * beside it) and reused afterwards. PostgreSQL refuses to run as root, so under root it runs as the
 * `postgres` system user (created if missing), which must be able to reach the data directory.
 */
export async function startEmbeddedPostgres(settings: EmbeddedPostgresSettings): Promise<RunningEmbeddedPostgres> {
  const { port, logger } = settings;
  const database = settings.database ?? 'retrace';
  const root = resolve(settings.dataDir);
  const clusterDir = join(root, 'postgres');
  const isRoot = process.getuid?.() === 0;
  await mkdir(root, { recursive: true, mode: 0o755 });

  const initialised = !existsSync(join(clusterDir, 'PG_VERSION'));
  const password = await readOrCreatePassword(root, initialised);
  refuseIfRunning(clusterDir);
  if (isRoot) checkReachableByPostgresUser(clusterDir, initialised);

  const recentLog: string[] = [];
  const EmbeddedPostgres = loadEmbeddedPostgres();
  const cluster = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port,
    user: PG_USER,
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: isRoot,
    initdbFlags: ['--encoding=UTF8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: (message) => {
      for (const line of message.split('\n').filter((l) => l.trim() !== '')) {
        recentLog.push(line);
        if (recentLog.length > RECENT_LOG_LINES) recentLog.shift();
        logger.verbose?.(line, 'EmbeddedPostgres');
      }
    },
    onError: (error) => {
      logger.error(describe(error), 'EmbeddedPostgres');
    },
  });

  if (initialised) {
    logger.log(`Creating the embedded PostgreSQL cluster in ${clusterDir}`, 'EmbeddedPostgres');
    await cluster.initialise().catch((error: unknown) => {
      throw new EmbeddedPostgresError(`initdb failed in ${clusterDir}: ${describe(error)}`, recentLog);
    });
  }
  await cluster.start().catch((error: unknown) => {
    throw new EmbeddedPostgresError(
      `PostgreSQL did not start on 127.0.0.1:${port} (${describe(error) || 'it exited'}); ` +
        'if the port is taken, set RETRACE_EMBEDDED_PG_PORT, or set DATABASE_URL to use your own PostgreSQL',
      recentLog,
    );
  });

  let stopped: Promise<void> | undefined;
  const stop = (): Promise<void> => (stopped ??= cluster.stop());
  const serverUrl = (db: string) => `postgres://${PG_USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${db}`;
  try {
    await createDatabaseIfMissing(serverUrl('postgres'), database);
  } catch (error) {
    await stop();
    throw error;
  }
  logger.log(`Embedded PostgreSQL ready on 127.0.0.1:${port} (data in ${clusterDir})`, 'EmbeddedPostgres');
  return { url: serverUrl(database), initialised, stop };
}

async function readOrCreatePassword(root: string, fresh: boolean): Promise<string> {
  const file = join(root, 'postgres.password');
  if (existsSync(file)) return (await readFile(file, 'utf8')).trim();
  if (!fresh) {
    throw new EmbeddedPostgresError(
      `${file} is missing but the cluster in ${join(root, 'postgres')} exists, so its password is unknown; ` +
        'restore the file, or move the postgres directory away to start with an empty database',
    );
  }
  const password = randomBytes(24).toString('hex');
  await writeFile(file, `${password}\n`, { mode: 0o600 });
  await chmod(file, 0o600);
  return password;
}

function refuseIfRunning(clusterDir: string): void {
  const pidFile = join(clusterDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return; // stale: PostgreSQL recovers on its own
  throw new EmbeddedPostgresError(
    `the embedded PostgreSQL in ${clusterDir} is already running (pid ${pid}): another Retrace uses this ` +
      `RETRACE_DATA_DIR, or an earlier one was killed without stopping it — stop it with \`kill -INT ${pid}\`, ` +
      'or give this instance its own RETRACE_DATA_DIR',
  );
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** PostgreSQL runs as `postgres`, so every directory above the cluster must let that user through. */
function checkReachableByPostgresUser(clusterDir: string, fresh: boolean): void {
  const pgUid = postgresUid();
  for (let dir = dirname(clusterDir); ; dir = dirname(dir)) {
    const { mode, uid } = statSync(dir);
    const traversable = (mode & 0o001) !== 0 || (pgUid !== undefined && uid === pgUid && (mode & 0o100) !== 0);
    if (!traversable) {
      throw new EmbeddedPostgresError(
        `running as root, PostgreSQL runs as the "postgres" user, which cannot enter ${dir} ` +
          `(mode ${(mode & 0o777).toString(8)}); set RETRACE_DATA_DIR to a directory it can reach ` +
          `(e.g. /var/lib/retrace), run \`chmod o+x ${dir}\`, or set DATABASE_URL`,
      );
    }
    if (dir === dirname(dir)) break;
  }
  if (!fresh && pgUid !== undefined && statSync(clusterDir).uid !== pgUid) {
    throw new EmbeddedPostgresError(
      `${clusterDir} is not owned by the "postgres" user, so PostgreSQL will refuse it; run \`chown -R postgres: ${clusterDir}\``,
    );
  }
}

function postgresUid(): number | undefined {
  try {
    return Number(execFileSync('id', ['-u', PG_USER], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
  } catch {
    return undefined; // embedded-postgres creates the user (createPostgresUser)
  }
}

async function createDatabaseIfMissing(serverUrl: string, database: string): Promise<void> {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (rowCount === 0) await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
  } finally {
    await client.end();
  }
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.message;
  return typeof error === 'string' ? error : error === undefined ? '' : JSON.stringify(error);
}
