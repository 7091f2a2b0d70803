export * from './step-job-data';
export * from './step-reply';
export * from './parse-step-reply';
export * from './reply-for';
