export * from './call-http-step';
export * from './http-step-interrupted.error';
export * from './http-step-worker';
export * from './http-step-worker.options';
export * from './run-http-step-job';
