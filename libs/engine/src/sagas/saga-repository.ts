import { Injectable } from '@nestjs/common';
import { EventStore, runStatement, type PreparedStatement, type SqlRunner } from '@retrace/event-store';
import type { SagaDefinition } from '@retrace/domain';
import { sagaStreamId, type SagaRecord } from './saga-record';

interface SagaRow {
  definition: SagaDefinition;
  body: unknown;
  position: string;
  registered_at: Date;
}

// Prepared: planning these cost twice their execution. A saga's registrations are its stream's
// version: they commit together (RegisterSagaHandler).
const LATEST_VERSION: PreparedStatement = {
  name: 'retrace_saga_latest',
  text: `SELECT definition, body, position, registered_at, (SELECT count(*) FROM sagas r WHERE r.name = $1)::int AS registrations
         FROM sagas WHERE name = $1 ORDER BY version DESC LIMIT 1`,
};
const ONE_VERSION: PreparedStatement = {
  name: 'retrace_saga_version',
  text: `SELECT definition, body, position, registered_at FROM sagas WHERE name = $1 AND version = $2`,
};

const toRecord = (row: SagaRow): SagaRecord => ({
  definition: row.definition,
  body: row.body,
  position: Number(row.position),
  registeredAt: row.registered_at,
});

/**
 * A saga's latest version as a publish pins it, with the guard that keeps the cached copy honest:
 * the saga's stream must still be at `registrations` when the message is appended.
 */
export interface LatestSaga {
  record: SagaRecord;
  guard: { streamId: string; version: number };
}

/** The `sagas` read model: every registered version of every saga. */
@Injectable()
export class SagaRepository {
  /** Registered versions never change, so a definition once read is kept. */
  private readonly definitions = new Map<string, Promise<SagaDefinition>>();
  /** Latest versions by name, as last read; a publish's guard tells when one is out of date. */
  private readonly latestByName = new Map<string, Promise<LatestSaga | null>>();

  constructor(private readonly store: EventStore) {}

  /** The definition a message is pinned to; it must exist (the message was accepted under it). */
  definition(name: string, version: number): Promise<SagaDefinition> {
    const key = `${name}@${version}`;
    let found = this.definitions.get(key);
    if (!found) {
      found = this.find(name, version).then((record) => {
        if (!record) throw new Error(`saga ${key} is missing from the sagas read model`);
        return record.definition;
      });
      found.catch(() => this.definitions.delete(key));
      this.definitions.set(key, found);
    }
    return found;
  }

  /**
   * The latest version of a saga as this process last read it (null: none registered; not kept).
   * Every publish used to read it: a round trip per message. Append with its `guard`, and
   * {@link forget} it when the guard refuses.
   */
  latest(name: string): Promise<LatestSaga | null> {
    let found = this.latestByName.get(name);
    if (!found) {
      found = runStatement<SagaRow & { registrations: number }>(this.store.sql, LATEST_VERSION, [name]).then(([row]) =>
        row ? { record: toRecord(row), guard: { streamId: sagaStreamId(name), version: row.registrations } } : null,
      );
      this.latestByName.set(name, found);
      // Neither a failure nor "not registered yet" is kept.
      const drop = () => this.latestByName.get(name) === found && this.latestByName.delete(name);
      found.then((latest) => latest ?? drop(), drop);
    }
    return found;
  }

  /** Drops the kept latest version of `name` (a registration here, or a publish's guard refused). */
  forget(name: string): void {
    this.latestByName.delete(name);
  }

  async find(name: string, version?: number, tx: SqlRunner = this.store.sql): Promise<SagaRecord | null> {
    const rows =
      version === undefined ? await runStatement<SagaRow>(tx, LATEST_VERSION, [name]) : await runStatement<SagaRow>(tx, ONE_VERSION, [name, version]);
    return rows[0] ? toRecord(rows[0]) : null;
  }

  /** The latest version of every saga, by name. */
  async listLatest(): Promise<SagaRecord[]> {
    const rows = await this.store.sql.query<SagaRow>(
      `SELECT DISTINCT ON (name) definition, body, position, registered_at FROM sagas ORDER BY name, version DESC`,
    );
    return rows.map(toRecord);
  }

  async versions(name: string): Promise<number[]> {
    const rows = await this.store.sql.query<{ version: number }>(
      `SELECT version FROM sagas WHERE name = $1 ORDER BY version`,
      [name],
    );
    return rows.map((r) => r.version);
  }

  /** Projects one SagaRegistered event; `now()` is the appending transaction's clock, as the event's. */
  async insert(tx: SqlRunner, definition: SagaDefinition, body: unknown, position: number): Promise<void> {
    await tx.query(
      `INSERT INTO sagas (name, version, definition, body, position, registered_at) VALUES ($1, $2, $3, $4, $5, now())`,
      [definition.name, definition.version, JSON.stringify(definition), JSON.stringify(body), position],
    );
  }
}
