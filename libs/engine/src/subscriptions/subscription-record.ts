import type { SubscriptionDefinition } from '@retrace/domain';

/** The batch in flight: delivered up to `lastPosition`, refused to other consumers while `live`. */
export interface SubscriptionLease {
  id: string;
  until: Date;
  lastPosition: number;
  /** Whether `until` is still ahead (by the database's clock). */
  live: boolean;
}

/** A subscription as its read model holds it. */
export interface SubscriptionRecord {
  name: string;
  definition: SubscriptionDefinition;
  startPosition: number;
  /** Every matching event up to here has been acknowledged. */
  committedPosition: number;
  /** The version of `subscription-<name>` the row was folded from. */
  streamVersion: number;
  /** No matching event lies in (committedPosition, scannedPosition]. */
  scannedPosition: number;
  lease: SubscriptionLease | null;
  /** Bumped by every change to the row: the compare-and-set token. */
  generation: string;
  createdAt: Date;
  updatedAt: Date;
}

/** A subscription with where the log stands: what `GET /v1/subscriptions/{name}` shows. */
export interface SubscriptionView extends SubscriptionRecord {
  headPosition: number;
  /** Matching events after the committed position, counted up to {@link LAG_COUNT_CAP}. */
  lag: number;
  /** True when there are more than {@link LAG_COUNT_CAP} and `lag` is only that lower bound. */
  lagCapped: boolean;
}

export const LAG_COUNT_CAP = 10_000;
