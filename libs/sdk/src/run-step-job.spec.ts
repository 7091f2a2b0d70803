import type { StepFailedReply, StepReply } from '@retrace/domain';
import { UnrecoverableError } from 'bullmq';
import { PermanentError } from './permanent.error';
import { runStepJob, type RunStepJobDeps, type StepJob } from './run-step-job';
import { stepJobData } from './step-jobs.fixtures';
import { StepTimeoutError } from './step-timeout.error';

const JOB_ID = 'msg-1~run-1~charge~action';

function setup(handler: RunStepJobDeps['handler'], overrides: Partial<StepJob> = {}) {
  const sent: StepReply[] = [];
  const deps: RunStepJobDeps = {
    handler,
    sendReply: async (_replyTo, reply) => {
      sent.push(reply);
    },
    reportStarted: true,
    reportStartedAfterMs: 0,
    logger: { warn: () => undefined, error: () => undefined },
    track: () => () => undefined,
  };
  const job: StepJob = { id: JOB_ID, data: stepJobData(), attemptsMade: 0, opts: { attempts: 3 }, ...overrides };
  return { sut: () => runStepJob(job, deps), sent, deps };
}

describe(runStepJob.name, () => {
  it('returns the result as JSON and sends it in succeeded', async () => {
    const at = new Date('2030-01-02T03:04:05.000Z');
    const { sut, sent } = setup(async () => ({ at, n: 1 }));
    await expect(sut()).resolves.toEqual({ at: '2030-01-02T03:04:05.000Z', n: 1 });
    expect(sent.map((r) => r.type)).toEqual(['started', 'succeeded']);
    expect(sent[1]).toMatchObject({ result: { at: '2030-01-02T03:04:05.000Z', n: 1 } });
  });

  it('turns undefined into null', async () => {
    const { sut, sent } = setup(async () => undefined);
    await expect(sut()).resolves.toBeNull();
    expect(sent[1]).toMatchObject({ type: 'succeeded', result: null });
  });

  it('fails permanently when the result is not JSON', async () => {
    const { sut, sent } = setup(async () => ({ big: 1n }));
    await expect(sut()).rejects.toBeInstanceOf(UnrecoverableError);
    expect(sent[1]).toMatchObject({ type: 'failed', final: true, error: { code: 'RESULT_NOT_JSON', permanent: true } });
  });

  it('reports a synchronous throw like a rejection, retryable until the last attempt', async () => {
    const { sut, sent } = setup(() => {
      throw new Error('boom');
    });
    const error = await sut().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(UnrecoverableError);
    expect(sent[1]).toEqual(expect.objectContaining({ type: 'failed', attempt: 1, final: false, error: { message: 'boom', permanent: false } }));

    const last = setup(() => Promise.reject(new Error('boom')), { attemptsMade: 2 });
    await expect(last.sut()).rejects.toThrow('boom');
    expect((last.sent[1] as StepFailedReply).final).toBe(true);
    expect(last.sent[1].attempt).toBe(3);
  });

  it('treats a plain UnrecoverableError and a thrown string sensibly', async () => {
    const unrecoverable = setup(() => Promise.reject(new UnrecoverableError('gone')));
    await expect(unrecoverable.sut()).rejects.toBeInstanceOf(UnrecoverableError);
    expect(unrecoverable.sent[1]).toMatchObject({ final: true, error: { message: 'gone', permanent: true } });

    const text = setup(() => {
      // eslint-disable-next-line @typescript-eslint/only-throw-error -- what a careless handler does
      throw 'plain text';
    });
    await expect(text.sut()).rejects.toThrow('plain text');
    expect(text.sent[1]).toMatchObject({ final: false, error: { message: 'plain text', permanent: false } });
  });

  it('keeps a PermanentError as the error BullMQ sees, with its code in the reply', async () => {
    const declined = new PermanentError('declined', { code: 'CARD_DECLINED' });
    const { sut, sent } = setup(() => Promise.reject(declined));
    await expect(sut()).rejects.toBe(declined);
    expect(sent[1]).toMatchObject({ final: true, error: { message: 'declined', code: 'CARD_DECLINED', permanent: true } });
  });

  it('reports a timeout as TIMEOUT even when the handler ignores its signal', async () => {
    const { sut, sent } = setup(() => new Promise(() => undefined), { data: stepJobData({ timeoutMs: 30 }) });
    await expect(sut()).rejects.toBeInstanceOf(StepTimeoutError);
    expect(sent[1]).toMatchObject({ type: 'failed', final: false, error: { code: 'TIMEOUT', permanent: false } });
  });

  it('fails the attempt when a reply cannot be sent, never swallowing it', async () => {
    const { sut, deps } = setup(async () => ({ ok: true }));
    deps.sendReply = async (_to, reply) => {
      if (reply.type === 'succeeded') throw new Error('Redis is away');
    };
    await expect(sut()).rejects.toThrow('Redis is away');

    let ran = false;
    const started = setup(async () => {
      ran = true;
    });
    started.deps.sendReply = () => Promise.reject(new Error('Redis is away'));
    await expect(started.sut()).rejects.toThrow('Redis is away');
    expect(ran).toBe(false);
  });

  it('refuses malformed job data permanently, naming the fields', async () => {
    const { sut, sent } = setup(async () => null, { data: { ...stepJobData(), replyTo: 'a:b', kind: 'undo' } });
    await expect(sut()).rejects.toThrow(/step job msg-1~run-1~charge~action is malformed \(kind, replyTo\)/);
    await expect(sut()).rejects.toBeInstanceOf(UnrecoverableError);
    expect(sent).toEqual([]);
  });

  describe('a started reply deferred by reportStartedAfterMs', () => {
    const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

    it('is not sent for an attempt that ends sooner: the outcome alone implies the start', async () => {
      const { sut, sent, deps } = setup(async () => ({ ok: true }));
      deps.reportStartedAfterMs = 50;
      await sut();
      await delay(80);
      expect(sent.map((r) => r.type)).toEqual(['succeeded']);
    });

    it('is sent while a longer attempt runs, and always before its outcome', async () => {
      const { sut, sent, deps } = setup(async () => {
        await delay(60);
        return { ok: true };
      });
      deps.reportStartedAfterMs = 10;
      const slowSend = deps.sendReply;
      deps.sendReply = async (replyTo, reply) => {
        if (reply.type === 'started') await delay(100); // the outcome must still come second
        return slowSend(replyTo, reply);
      };
      await sut();
      expect(sent.map((r) => r.type)).toEqual(['started', 'succeeded']);
    });

    it('fails the attempt when the late started reply could not be sent', async () => {
      const { sut, sent, deps } = setup(async () => {
        await delay(40);
        throw new Error('boom');
      });
      deps.reportStartedAfterMs = 5;
      deps.sendReply = async (_replyTo, reply) => {
        if (reply.type === 'started') throw new Error('Redis is away');
        sent.push(reply);
      };
      await expect(sut()).rejects.toThrow('Redis is away');
      expect(sent).toEqual([]);
    });

    it('is never sent when reportStarted is off', async () => {
      const { sut, sent, deps } = setup(async () => {
        await delay(30);
        return 1;
      });
      deps.reportStarted = false;
      deps.reportStartedAfterMs = 5;
      await sut();
      expect(sent.map((r) => r.type)).toEqual(['succeeded']);
    });
  });
});
