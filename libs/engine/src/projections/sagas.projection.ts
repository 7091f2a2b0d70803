import type { SqlRunner } from '@retrace/event-store';
import { SAGA_REGISTERED } from '../sagas/saga-record';
import { shadowTable, type ProjectedEvent, type Projection } from './projection';

/**
 * `sagas`: one row per SagaRegistered event on `saga-<name>`, as SagaRepository.insert writes it
 * (`position` is the event's, `registered_at` its transaction's clock).
 */
export const sagasProjection: Projection = {
  name: 'sagas',
  tables: [{ name: 'sagas', key: ['name', 'version'] }],
  begin: () => ({
    async apply(tx: SqlRunner, events: readonly ProjectedEvent[]): Promise<void> {
      const positions = events.filter((e) => e.type === SAGA_REGISTERED && e.streamId.startsWith('saga-')).map((e) => e.position);
      if (positions.length === 0) return;
      await tx.query(
        `INSERT INTO ${shadowTable('sagas')} (name, version, definition, body, position, registered_at)
         SELECT data->'definition'->>'name', (data->'definition'->>'version')::integer, data->'definition', data->'body', position, created_at
           FROM events WHERE position = ANY($1::bigint[])`,
        [positions],
      );
    },
  }),
};
