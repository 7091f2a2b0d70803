import { createTestEventStore, type TestEventStore } from '@retrace/testing';
import { Client } from 'pg';

/**
 * The server ends a connection the event store holds (a PostgreSQL restart does this to every
 * connection): pg emits 'error' on that client, even between two statements, and an 'error' no
 * one listens to would crash the orchestrator. Found by the fault suite (npm run chaos).
 */
describe('EventStore when the server drops its connection', () => {
  let db: TestEventStore;
  const terminate = async (pid: number) => {
    const admin = new Client({ connectionString: db.url });
    await admin.connect();
    try {
      await admin.query('SELECT pg_terminate_backend($1)', [pid]);
    } finally {
      await admin.end();
    }
  };
  const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

  beforeAll(async () => {
    db = await createTestEventStore('connection_loss');
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('fails the transaction whose connection died between statements, and goes on serving', async () => {
    const attempt = db.eventStore.transaction(async (tx) => {
      const [{ pid }] = await tx.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      await terminate(pid);
      await pause(300); // the FATAL message and the socket's end arrive while no statement runs
      return tx.query('SELECT 1');
    });

    await expect(attempt).rejects.toThrow();
    expect(await db.eventStore.transaction((tx) => tx.query<{ ok: number }>('SELECT 1 AS ok'))).toEqual([{ ok: 1 }]);
  });

  it('survives a pooled connection the server drops while its holder listens to nothing', async () => {
    const pool = (db.dataSource.driver as unknown as { master: { connect(): Promise<Client & { release(destroy?: boolean): void }> } }).master;
    const client = await pool.connect();
    const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    await terminate(rows[0].pid);
    await pause(300);

    await expect(client.query('SELECT 1')).rejects.toThrow();
    client.release(true);
  });

  it('reports a LISTEN connection the server dropped once, without crashing', async () => {
    const errors: unknown[] = [];
    await db.eventStore.listen(`'connection_loss_probe'`, () => undefined, (error) => errors.push(error));
    const [{ pid }] = await db.eventStore.sql.query<{ pid: number }>(
      `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN "connection_loss_probe"%' AND pid <> pg_backend_pid()`,
    );
    await terminate(pid);
    await pause(300);

    expect(errors).toHaveLength(1);
  });
});
