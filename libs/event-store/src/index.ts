export * from './event-store.types';
export * from './sql-runner';
export * from './stream-version-conflict.error';
export * from './event-store';
export * from './event-store.module';
export * from './create-retrace-data-source';
export * from './migrate-database';
export { EVENT_STORE_MIGRATIONS } from './migrations';
export type { ReadAllOptions, ReadSinceOptions } from './read-all';
