import type { MigrationClass } from '@retrace/event-store';
import { ReadModels1799000000000 } from './1799000000000-read-models';
import { StepSchedule1799000001000 } from './1799000001000-step-schedule';
import { Operations1799000002000 } from './1799000002000-operations';
import { Subscriptions1799000003000 } from './1799000003000-subscriptions';
import { ProjectionRebuilds1799000004000 } from './1799000004000-projection-rebuilds';
import { OutboxUpkeep1799000005000 } from './1799000005000-outbox-upkeep';

/** The engine's migrations; they run after the event store's (their timestamps are later). */
export const ENGINE_MIGRATIONS: MigrationClass[] = [
  ReadModels1799000000000,
  StepSchedule1799000001000,
  Operations1799000002000,
  Subscriptions1799000003000,
  ProjectionRebuilds1799000004000,
  OutboxUpkeep1799000005000,
];
