/** Injection token of the {@link QueueBackend} the engine's relay, workers and sweeper use. */
export const QUEUE_BACKEND = Symbol('QUEUE_BACKEND');
