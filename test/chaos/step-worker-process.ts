import { Queue, UnrecoverableError, Worker, type Job } from 'bullmq';
import IORedis from 'ioredis';
import { REPLY_JOB_OPTIONS, REPLY_STREAM_FIELD, replyStreamKey } from '@retrace/domain';
import { CHAOS_QUEUES, type ChaosPayload } from './chaos-saga';
import { SideEffectLedger } from './side-effect-ledger';

/**
 * The chaos run's step worker, a child process of its own so the runner can SIGKILL it mid-step.
 * Plain BullMQ following docs/worker-protocol.md; each handler applies its side effect to the
 * ledger under the job id (the idempotency key Retrace gives it), then takes a while before it
 * replies, so a kill often lands between the effect and the reply. It replies on the reply stream
 * when the job names one (as the SDK does, so the run puts the stream through every fault), else
 * with reply jobs. It tells the parent over IPC which keys are in flight.
 */
interface StepData {
  messageId: string;
  runId: string;
  step: string;
  kind: 'action' | 'compensation';
  payload: ChaosPayload;
  replyTo: string;
  replyStream?: string;
}

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`step-worker-process needs ${name}`);
  return value;
};

const connection = { url: env('CHAOS_REDIS_URL'), maxRetriesPerRequest: null };
const prefix = env('CHAOS_QUEUE_PREFIX');
const ledger = new SideEffectLedger(env('CHAOS_LEDGER_URL'), env('CHAOS_LEDGER_SCHEMA'));
const replyQueues = new Map<string, Queue>();
const streamClient = new IORedis(env('CHAOS_REDIS_URL'), { maxRetriesPerRequest: null });
streamClient.on('error', () => errors++);
const inFlight = new Set<string>();
const report = () => process.send?.({ inFlight: [...inFlight] });
let errors = 0;

const reply = async (job: Job<StepData>, attempt: number, type: string, extra: Record<string, unknown>) => {
  const { replyTo, replyStream, messageId, runId, step, kind } = job.data;
  const body = { type, jobId: job.id, messageId, runId, step, kind, attempt, ...extra };
  if (replyStream) {
    await streamClient.xadd(replyStreamKey(prefix, replyStream), '*', REPLY_STREAM_FIELD, JSON.stringify(body));
    return;
  }
  let queue = replyQueues.get(replyTo);
  if (!queue) {
    queue = new Queue(replyTo, { connection, prefix });
    queue.on('error', () => errors++);
    replyQueues.set(replyTo, queue);
  }
  await queue.add(type, body, { ...REPLY_JOB_OPTIONS, jobId: `${job.id}~${attempt}~${type}` });
};

const run = async (job: Job<StepData>) => {
  const attempt = job.attemptsMade + 1;
  const { messageId, runId, step, kind, payload } = job.data;
  await reply(job, attempt, 'started', {});
  if (kind === 'action' && payload.failAt === step) {
    await reply(job, attempt, 'failed', { error: { message: `${step} refused for message ${payload.n}`, code: 'REFUSED', permanent: true }, final: true });
    throw new UnrecoverableError(`${step} refused`);
  }
  const key = job.id!;
  inFlight.add(key);
  report();
  try {
    await ledger.apply({ key, messageId, runId, step, kind });
    await new Promise((r) => setTimeout(r, 100 + Math.floor(Math.random() * 300)));
  } catch (error) {
    const final = attempt >= (job.opts.attempts ?? 1);
    await reply(job, attempt, 'failed', { error: { message: (error as Error).message, permanent: false }, final });
    throw error;
  } finally {
    inFlight.delete(key);
    report();
  }
  const result = { applied: key };
  await reply(job, attempt, 'succeeded', { result });
  return result;
};

// A short lock: a job whose worker was SIGKILLed is found stalled and redelivered within seconds.
const workers = CHAOS_QUEUES.map((queue) => {
  const worker = new Worker<StepData>(queue, run, { connection, prefix, concurrency: 16, lockDuration: 5000, stalledInterval: 5000, maxStalledCount: 5 });
  worker.on('error', () => errors++);
  return worker;
});

process.once('SIGTERM', () => {
  void (async () => {
    await Promise.all(workers.map((w) => w.close()));
    await Promise.all([...replyQueues.values()].map((q) => q.close()));
    await streamClient.quit().catch(() => streamClient.disconnect());
    await ledger.close();
    if (errors > 0) console.error(`step worker: ${errors} queue connection error(s) while it ran`);
    process.exit(0);
  })();
});
process.send?.({ ready: true });
