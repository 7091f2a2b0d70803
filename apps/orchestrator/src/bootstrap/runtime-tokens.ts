/** Injection tokens for what the runtime hands the app; `DataSource` (TypeORM) is injected by class. */
export const RETRACE_CONFIG = Symbol('RETRACE_CONFIG');
export { QUEUE_BACKEND } from '@retrace/engine/queue-backend';
