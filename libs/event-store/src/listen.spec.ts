import { EventEmitter } from 'node:events';
import { listen } from './listen';

/** A pooled pg client as `listen` sees it: an emitter that answers queries and can be released. */
class FakeClient extends EventEmitter {
  released: (boolean | undefined)[] = [];
  query(sql: string): Promise<unknown> {
    return Promise.resolve(sql.startsWith('SELECT') ? { rows: [{ name: 'rto_x' }] } : { rows: [] });
  }
  release(destroy?: boolean): void {
    this.released.push(destroy);
  }
}

describe(listen.name, () => {
  it('survives the two errors pg emits when the server goes away, and reports the first once', async () => {
    const client = new FakeClient();
    const errors: unknown[] = [];
    await listen(() => Promise.resolve(client), `'rto_x'`, () => undefined, (error) => errors.push(error));

    // What a PostgreSQL restart does to a LISTEN connection: the server's FATAL message, then the socket's end.
    const emitBoth = () => {
      client.emit('error', new Error('terminating connection due to administrator command'));
      client.emit('error', new Error('Connection terminated unexpectedly'));
    };

    expect(emitBoth).not.toThrow();
    expect(errors).toEqual([new Error('terminating connection due to administrator command')]);
    expect(client.released).toEqual([true]);
  });

  it('gives the connection back without destroying it on close', async () => {
    const client = new FakeClient();
    const sut = await listen(() => Promise.resolve(client), `'rto_x'`, () => undefined, () => undefined);

    await sut.close();

    expect(client.released).toEqual([undefined]);
    expect(client.listenerCount('error')).toBe(0);
  });
});
