import { Injectable } from '@nestjs/common';
import { EventStore, runStatement, type PreparedStatement, type SqlRunner } from '@retrace/event-store';
import type { SagaDefinition } from '@retrace/domain';
import type { SagaRecord } from './saga-record';

interface SagaRow {
  definition: SagaDefinition;
  body: unknown;
  position: string;
  registered_at: Date;
}

// Prepared: every publish looks its saga up, and planning the query cost twice its execution.
const LATEST_VERSION: PreparedStatement = {
  name: 'retrace_saga_latest',
  text: `SELECT definition, body, position, registered_at FROM sagas WHERE name = $1 ORDER BY version DESC LIMIT 1`,
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

/** The `sagas` read model: every registered version of every saga. */
@Injectable()
export class SagaRepository {
  /** Registered versions never change, so a definition once read is kept. */
  private readonly definitions = new Map<string, Promise<SagaDefinition>>();

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
