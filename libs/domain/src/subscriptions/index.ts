export * from './subscription-definition';
export * from './parse-subscription-name';
export * from './parse-put-subscription-request';
export * from './parse-subscription-requests';
export * from './matches-subscription-filter';
export * from './subscription-events';
