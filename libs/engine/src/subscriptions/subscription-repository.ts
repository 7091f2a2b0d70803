import { Injectable } from '@nestjs/common';
import { subscriptionStreamId, type SubscriptionDefinition, type SubscriptionLifecycleEvent } from '@retrace/domain';
import { EventStore, type EventMetadata, type SqlRunner } from '@retrace/event-store';
import type { SubscriptionRecord } from './subscription-record';

interface SubscriptionRow {
  name: string;
  definition: SubscriptionDefinition;
  start_position: string;
  committed_position: string;
  stream_version: number;
  scanned_position: string;
  lease_id: string | null;
  leased_until: Date | null;
  lease_last_position: string | null;
  lease_live: boolean | null;
  generation: string;
  created_at: Date;
  updated_at: Date;
}

const SELECT = `SELECT *, leased_until > now() AS lease_live FROM subscriptions`;

const toRecord = (r: SubscriptionRow): SubscriptionRecord => ({
  name: r.name,
  definition: r.definition,
  startPosition: Number(r.start_position),
  committedPosition: Number(r.committed_position),
  streamVersion: r.stream_version,
  scannedPosition: Number(r.scanned_position),
  lease:
    r.lease_id === null || r.leased_until === null || r.lease_last_position === null
      ? null
      : { id: r.lease_id, until: r.leased_until, lastPosition: Number(r.lease_last_position), live: r.lease_live === true },
  generation: r.generation,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/** Another change to the subscription committed between our read and our write; read again. */
export class SubscriptionChangedError extends Error {
  constructor(name: string) {
    super(`subscription '${name}' changed while this change was being made`);
  }
}

/** The row change that goes with an appended lifecycle event. */
export type CheckpointChange = { committedPosition: number; clearLease: 'all' | 'if-covered' };

/**
 * The `subscriptions` read model. Every change is a compare-and-set on `generation`; a change of the
 * checkpoint is also an event on `subscription-<name>` appended at the row's stream version, in the
 * same transaction, so the log and the row never disagree and two writers never both win.
 */
@Injectable()
export class SubscriptionRepository {
  constructor(private readonly store: EventStore) {}

  async find(name: string): Promise<SubscriptionRecord | null> {
    const [row] = await this.store.sql.query<SubscriptionRow>(`${SELECT} WHERE name = $1`, [name]);
    return row ? toRecord(row) : null;
  }

  async list(): Promise<SubscriptionRecord[]> {
    return (await this.store.sql.query<SubscriptionRow>(`${SELECT} ORDER BY name`)).map(toRecord);
  }

  /** Records the definition (the stream must not exist yet) and inserts the row. */
  async define(name: string, definition: SubscriptionDefinition, startPosition: number, actor: string): Promise<void> {
    const event: SubscriptionLifecycleEvent = { type: 'SubscriptionDefined', data: { ...definition, startPosition } };
    await this.store.transaction(async (tx) => {
      const { streamVersion } = await this.store.appendToStream(subscriptionStreamId(name), [{ ...event, metadata: { actor } }], 0, tx);
      await tx.query(
        `INSERT INTO subscriptions (name, definition, start_position, committed_position, scanned_position, stream_version)
         VALUES ($1, $2, $3, $3, $3, $4)`,
        [name, JSON.stringify(definition), startPosition, streamVersion],
      );
    });
  }

  /**
   * Appends an ack or a reset and moves the checkpoint in one transaction.
   * @throws StreamVersionConflictError or SubscriptionChangedError when another change won the race.
   */
  async commit(current: SubscriptionRecord, event: SubscriptionLifecycleEvent, metadata: EventMetadata, change: CheckpointChange): Promise<void> {
    await this.store.transaction(async (tx) => {
      const { streamVersion } = await this.store.appendToStream(subscriptionStreamId(current.name), [{ ...event, metadata }], current.streamVersion, tx);
      const clear = change.clearLease === 'all' ? 'true' : 'lease_last_position <= $3';
      // A reset may move back: what was scanned beyond the new position is no longer known to be empty.
      const scanned = change.clearLease === 'all' ? '$3' : 'GREATEST(scanned_position, $3)';
      await this.changeRow(
        tx,
        current,
        `committed_position = $3, scanned_position = ${scanned}, stream_version = $4,
         lease_id = CASE WHEN ${clear} THEN NULL ELSE lease_id END,
         leased_until = CASE WHEN ${clear} THEN NULL ELSE leased_until END,
         lease_last_position = CASE WHEN ${clear} THEN NULL ELSE lease_last_position END`,
        [change.committedPosition, streamVersion],
      );
    });
  }

  /** Leases the batch up to `lastPosition` for `ackTimeoutMs`; null when another change won the race. */
  async lease(current: SubscriptionRecord, leaseId: string, lastPosition: number): Promise<Date | null> {
    const [row] = await this.store.sql.query<{ leased_until: Date }>(
      `UPDATE subscriptions
       SET lease_id = $3, leased_until = now() + $4 * interval '1 millisecond', lease_last_position = $5,
           generation = generation + 1, updated_at = now()
       WHERE name = $1 AND generation = $2
       RETURNING leased_until`,
      [current.name, current.generation, leaseId, current.definition.ackTimeoutMs, lastPosition],
    );
    return row?.leased_until ?? null;
  }

  /** Notes that nothing matching lies up to `position`; a hint, so it only applies to the checkpoint it was scanned from. */
  async noteScanned(name: string, committedPosition: number, position: number): Promise<void> {
    await this.store.sql.execute(
      `UPDATE subscriptions SET scanned_position = $3 WHERE name = $1 AND committed_position = $2 AND scanned_position < $3`,
      [name, committedPosition, position],
    );
  }

  private async changeRow(tx: SqlRunner, current: SubscriptionRecord, set: string, params: unknown[]): Promise<void> {
    const { rowCount } = await tx.execute(
      `UPDATE subscriptions SET ${set}, generation = generation + 1, updated_at = now() WHERE name = $1 AND generation = $2`,
      [current.name, current.generation, ...params],
    );
    if (rowCount !== 1) throw new SubscriptionChangedError(current.name);
  }
}
