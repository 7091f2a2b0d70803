import { REPLY_QUEUE, stepJobId, type StepJobData, type StepReply } from '@retrace/domain';
import { UnrecoverableError } from 'bullmq';
import type { HttpStepOutcome } from './call-http-step';
import { HttpStepInterruptedError } from './http-step-interrupted.error';
import { runHttpStepJob, type HttpStepJob } from './run-http-step-job';

const data: StepJobData = {
  messageId: 'm-1',
  saga: 'order',
  sagaVersion: 2,
  step: 'charge',
  kind: 'action',
  runId: 'r-1',
  replayOf: null,
  payload: { orderId: 'o-1' },
  results: {},
  timeoutMs: 1000,
  replyTo: REPLY_QUEUE,
  http: { url: 'http://127.0.0.1:1/charge', method: 'POST', headers: {} },
};
const jobId = stepJobId({ messageId: 'm-1', runId: 'r-1', step: 'charge', kind: 'action' });
const job = (attemptsMade: number, attempts = 3): HttpStepJob => ({ id: jobId, data, attemptsMade, opts: { attempts } });

function harness(outcome: HttpStepOutcome) {
  const replies: StepReply[] = [];
  const call = jest.fn(() => Promise.resolve(outcome));
  const sendReply = (reply: StepReply) => {
    replies.push(reply);
    return Promise.resolve();
  };
  return { replies, call, deps: { sendReply, call } };
}

describe(runHttpStepJob.name, () => {
  it('replies started, then succeeded with the result', async () => {
    const { replies, call, deps } = harness({ ok: true, result: { paymentId: 'p-1' } });
    await expect(runHttpStepJob(job(1), deps)).resolves.toEqual({ paymentId: 'p-1' });
    expect(call).toHaveBeenCalledWith(data, { jobId, attempt: 2, maxAttempts: 3 }, undefined, { maxResponseBytes: undefined });
    expect(replies).toEqual([
      { type: 'started', jobId, messageId: 'm-1', runId: 'r-1', step: 'charge', kind: 'action', attempt: 2 },
      { type: 'succeeded', jobId, messageId: 'm-1', runId: 'r-1', step: 'charge', kind: 'action', attempt: 2, result: { paymentId: 'p-1' } },
    ]);
  });

  it('throws a plain Error after a retryable failure, final only on the last attempt', async () => {
    const error = { message: 'POST http://x/ answered 503', code: 'HTTP_503', permanent: false };
    for (const [attemptsMade, final] of [[0, false], [2, true]] as const) {
      const { replies, deps } = harness({ ok: false, error });
      const thrown = await runHttpStepJob(job(attemptsMade), deps).catch((e: unknown) => e);
      expect(thrown).toBeInstanceOf(Error);
      expect(thrown).not.toBeInstanceOf(UnrecoverableError);
      expect(replies.map((r) => r.type)).toEqual(['started', 'failed']);
      expect(replies[1]).toMatchObject({ attempt: attemptsMade + 1, error, final });
    }
  });

  it('throws UnrecoverableError after a permanent failure, which is final at once', async () => {
    const error = { message: 'POST http://x/ answered 400: bad card', code: 'HTTP_400', permanent: true };
    const { replies, deps } = harness({ ok: false, error });
    await expect(runHttpStepJob(job(0), deps)).rejects.toThrow(new UnrecoverableError(error.message));
    expect(replies[1]).toMatchObject({ type: 'failed', attempt: 1, error, final: true });
  });

  it('fails the job when a reply cannot be sent, without calling the service', async () => {
    const { call, deps } = harness({ ok: true, result: null });
    const sendReply = () => Promise.reject(new Error('queue down'));
    await expect(runHttpStepJob(job(0), { ...deps, sendReply })).rejects.toThrow('queue down');
    expect(call).not.toHaveBeenCalled();
  });

  it('sends no outcome for an attempt it interrupted itself', async () => {
    const controller = new AbortController();
    controller.abort('shutting down');
    const { replies, deps } = harness({ ok: false, error: { message: 'interrupted', code: 'ABORTED', permanent: false } });
    await expect(runHttpStepJob(job(0), { ...deps, signal: controller.signal })).rejects.toBeInstanceOf(HttpStepInterruptedError);
    expect(replies.map((r) => r.type)).toEqual(['started']);
  });

  it('treats a job without attempts as a single try', async () => {
    const { replies, deps } = harness({ ok: false, error: { message: 'timed out', code: 'TIMEOUT', permanent: false } });
    await expect(runHttpStepJob({ id: jobId, data, attemptsMade: 0, opts: {} }, deps)).rejects.toThrow('timed out');
    expect(replies[1]).toMatchObject({ final: true });
  });
});
