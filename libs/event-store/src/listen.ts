import { EventEmitter } from 'node:events';

interface ListeningClient extends EventEmitter {
  query(sql: string): Promise<unknown>;
  release(destroy?: boolean): void;
}

export interface Listener {
  /** Stops listening and gives the connection back. */
  close(): Promise<void>;
}

/**
 * Holds one pooled connection that LISTENs on `channel` (an SQL expression, e.g. a quoted literal)
 * and calls `onNotify` for each notification. If the connection breaks it calls `onError`; the
 * caller decides whether to listen again (notifications are a wake-up, never the only trigger).
 */
export async function listen(
  connect: () => Promise<ListeningClient>,
  channel: string,
  onNotify: () => void,
  onError: (error: unknown) => void,
): Promise<Listener> {
  const client = await connect();
  const rows = (await client.query(`SELECT ${channel} AS name`)) as { rows: { name: string }[] };
  const name = rows.rows[0].name;
  let closed = false;
  const handleError = (error: unknown) => {
    if (closed) return;
    closed = true;
    client.off('notification', onNotify);
    client.release(true);
    onError(error);
  };
  client.on('notification', onNotify);
  // `on`, not `once`: when the server goes away pg emits twice on the client (the server's FATAL
  // message, then "Connection terminated unexpectedly"), and an 'error' with no listener left
  // would crash the process. The listener stays after the first: it ignores the rest.
  client.on('error', handleError);
  await client.query(`LISTEN "${name.replace(/"/g, '""')}"`);
  return {
    close: async () => {
      if (closed) return;
      closed = true;
      client.off('notification', onNotify);
      client.off('error', handleError);
      await client.query(`UNLISTEN *`).catch(() => undefined);
      client.release();
    },
  };
}
