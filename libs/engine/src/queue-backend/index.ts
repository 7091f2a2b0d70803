export * from './queue-backend';
export * from './create-queue-backend';
export * from './redis-options-from-url';
export * from './queue-backend.token';
export * from './log-queue-errors';
