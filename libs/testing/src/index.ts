export * from './test-redis';
export * from './test-database';
export * from './private-redis';
export * from './held-transaction';
export * from './wait-until';
