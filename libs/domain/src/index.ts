export * from './message/message-status';
export * from './message/message-events';
export * from './message/message-commands';
export * from './message/message-state';
export * from './saga/saga-definition';
export * from './errors/domain-error';
export * from './errors/illegal-transition.error';
