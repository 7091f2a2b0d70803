import type { EngineOptions } from '@retrace/engine';
import type { QueueBackend } from '@retrace/engine/queue-backend';
import type { DataSource } from 'typeorm';
import type { RetraceConfig } from '../config/retrace-config';

/**
 * Everything the app needs from outside Nest: the validated config, a migrated DataSource and the
 * queue backend. `main.ts` builds it with `startRuntime`; e2e tests build their own.
 */
export interface RuntimeContext {
  readonly config: RetraceConfig;
  readonly dataSource: DataSource;
  readonly queueBackend: QueueBackend;
  /** Which background work runs in this process (relay, replies, sweeper, HTTP steps), and its tuning. */
  readonly engine?: Partial<EngineOptions>;
  /**
   * Releases what the runtime opened (queue backend, DataSource, embedded PostgreSQL). When present,
   * the app calls it last on shutdown; tests that own their resources leave it out.
   */
  readonly close?: () => Promise<void>;
}
