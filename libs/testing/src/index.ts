export * from './test-redis';
export * from './test-database';
