import { Client, type ClientConfig } from 'pg';

/**
 * The pg client every Retrace pool makes (TypeORM hands `extra.Client` to pg's Pool). pg emits
 * 'error' on a client whenever its connection breaks — a PostgreSQL restart breaks all of them —
 * also while its holder sits between two statements and listens to nothing; an 'error' that no one
 * hears ends the process. This one always hears it. Nothing is hidden by that: the statement in
 * flight, or the next one, fails with the error, and the pool still drops a broken idle client.
 */
export class AlwaysHeardClient extends Client {
  constructor(config?: string | ClientConfig) {
    super(config);
    this.on('error', () => undefined);
  }
}
