import type { TableChanges } from './shadow-tables';

export type RebuildStatus = 'running' | 'succeeded' | 'failed';
/** `bulk`: reading the log into the shadow tables; `swap`: catching up under the lock and swapping; `done`. */
export type RebuildPhase = 'bulk' | 'swap' | 'done';

/** A rebuild of read models as its progress row holds it. */
export interface RebuildRecord {
  id: string;
  projections: string[];
  reason: string;
  actor: string;
  status: RebuildStatus;
  phase: RebuildPhase;
  /** The log's gap-safe head when the rebuild started: `position / headAtStart` is its progress. */
  headAtStart: number;
  /** The last position applied to the shadow tables. */
  position: number;
  eventsApplied: number;
  /** What the swap changed in each live table; all zeros means the live rows were already right. */
  changes: Record<string, TableChanges> | null;
  error: string | null;
  startedAt: Date;
  finishedAt: Date | null;
}
