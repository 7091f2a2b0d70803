import type pino from 'pino';

/** What a redacted value reads as in the logs (the same word viewers see). */
export const LOG_CENSOR = '[redacted]';

const CARRIERS = ['payload', 'patch', 'results', 'result'];

/**
 * Fields that carry message data, hidden wherever a log line would hold them: at the top, or one
 * or two levels down (`job.data.payload`, `err.data.patch`). Retrace's own lines carry only ids;
 * this is the net under a line that one day logs a job, an event or a request body. A logger
 * cannot know each saga's `redact` paths, so it hides the whole payload.
 */
export const LOG_REDACTION: pino.LoggerOptions['redact'] = {
  paths: CARRIERS.flatMap((key) => [key, `*.${key}`, `*.*.${key}`]),
  censor: LOG_CENSOR,
};
