/** Injection tokens for what the runtime hands the app; `DataSource` (TypeORM) is injected by class. */
export const RETRACE_CONFIG = Symbol('RETRACE_CONFIG');
export const QUEUE_BACKEND = Symbol('QUEUE_BACKEND');
