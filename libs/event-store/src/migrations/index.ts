import type { MigrationClass } from '../create-retrace-data-source';
import { CreateEventLog1767225600000 } from './1767225600000-create-event-log';
import { EventsSagaIndex1767225700000 } from './1767225700000-events-saga-index';
import { DropStreams1767225800000 } from './1767225800000-drop-streams';

/** TypeORM migration classes for the event log tables, oldest first. */
export const EVENT_STORE_MIGRATIONS: MigrationClass[] = [CreateEventLog1767225600000, EventsSagaIndex1767225700000, DropStreams1767225800000];
