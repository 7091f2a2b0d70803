import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LoggerService } from '@nestjs/common';
import { Client } from 'pg';
import { startEmbeddedPostgres } from './start-embedded-postgres';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function query<T>(url: string, sql: string): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

describe(startEmbeddedPostgres.name, () => {
  let dataDir: string;
  const errors: unknown[] = [];
  const logger: LoggerService = { log: () => undefined, warn: () => undefined, error: (message) => errors.push(message) };

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'retrace-embedded-'));
    await chmod(dataDir, 0o755); // under root, PostgreSQL runs as "postgres" and must get in
  });

  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('creates the cluster once and keeps its data across restarts', async () => {
    const port = await freePort();
    const first = await startEmbeddedPostgres({ dataDir, port, logger });
    try {
      expect(first.initialised).toBe(true);
      expect(first.url).toMatch(new RegExp(`^postgres://postgres:[0-9a-f]+@127\\.0\\.0\\.1:${port}/retrace$`));
      await query(first.url, 'CREATE TABLE kept (id int); INSERT INTO kept VALUES (7)');
    } finally {
      await first.stop();
    }

    const second = await startEmbeddedPostgres({ dataDir, port, logger });
    try {
      expect(second.initialised).toBe(false);
      await expect(query(second.url, 'SELECT id FROM kept')).resolves.toEqual([{ id: 7 }]);
      await expect(startEmbeddedPostgres({ dataDir, port: await freePort(), logger })).rejects.toThrow(/already running \(pid \d+\)/);
    } finally {
      await second.stop();
      await second.stop();
    }
    expect(errors).toEqual([]);
  }, 60_000);
});
