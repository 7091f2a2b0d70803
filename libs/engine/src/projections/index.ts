export type { Projection, ProjectionTable, ProjectionApplier, ProjectionOptions, ProjectedEvent } from './projection';
export { shadowTable } from './projection';
export { PROJECTIONS, BUILT_IN_PROJECTIONS } from './projection-registry';
export type { RebuildRecord, RebuildStatus, RebuildPhase } from './rebuild-record';
export type { TableChanges } from './shadow-tables';
export { RebuildNotFoundError } from './rebuild-not-found.error';
export { RebuildAlreadyRunningError } from './rebuild-already-running.error';
