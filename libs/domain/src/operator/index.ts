export * from './parse-operator-request';
export * from './parse-operation-request';
export * from './operation-command';
export * from './plan-operation-item';
