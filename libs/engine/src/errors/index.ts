export * from './unknown-saga.error';
export * from './saga-version-conflict.error';
export * from './message-not-found.error';
export * from './message-id-conflict.error';
export * from './step-already-started.error';
export * from './operation-not-found.error';
export * from './confirm-mismatch.error';
export * from './operation-not-running.error';
