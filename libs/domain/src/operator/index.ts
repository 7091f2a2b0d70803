export * from './parse-operator-request';
