import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { LoggerService } from '@nestjs/common';
import { startEmbeddedPostgres, type RunningEmbeddedPostgres } from '../../apps/orchestrator/src/bootstrap/start-embedded-postgres';
import { freePort } from '../support/orchestrator-process';

const ROOT = join(__dirname, '..', '..');

/** A PostgreSQL of the chaos run's own, which it may stop and start again under load. */
export interface PrivatePostgres {
  /** The database URL (stays the same across restarts: same port, same password). */
  readonly url: string;
  /** Fast shutdown (SIGINT to the postmaster), resolved once it has exited. */
  stop(): Promise<void>;
  /** Starts it again on the same data directory and port. */
  start(): Promise<void>;
  /** Stops it if running and removes its data directory. */
  remove(): Promise<void>;
}

const quiet: LoggerService = { log: () => undefined, warn: () => undefined, error: (m: unknown) => console.error(`private postgres: ${String(m)}`) };

/**
 * Starts the embedded PostgreSQL exactly as the orchestrator's `npm start` does
 * (apps/orchestrator/src/bootstrap/start-embedded-postgres.ts), on a free port with its own data
 * directory under `.retrace/`, so restarting it disturbs nobody else's tests.
 */
export async function startPrivatePostgres(label: string): Promise<PrivatePostgres> {
  const dataDir = join(ROOT, '.retrace', `${label}-pg-${randomBytes(4).toString('hex')}`);
  const port = await freePort();
  const launch = () => startEmbeddedPostgres({ dataDir, port, database: 'chaos', logger: quiet });
  let running: RunningEmbeddedPostgres | null = await launch();
  const url = running.url;
  return {
    url,
    stop: async () => {
      const was = running;
      running = null;
      await was?.stop();
    },
    start: async () => {
      if (running) return;
      running = await launch();
    },
    remove: async () => {
      const was = running;
      running = null;
      await was?.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
