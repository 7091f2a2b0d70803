export * from './solve-linear-system';
export * from './transition-chain';
export * from './parse-transition-stats-query';
