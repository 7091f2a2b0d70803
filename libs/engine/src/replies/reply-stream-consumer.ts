import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { parseStepReply, replyJobId, type StepReply } from '@retrace/domain';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { GroupCommit } from '../background/group-commit';
import { WorkLoop } from '../background/work-loop';
import { ENGINE_OPTIONS, type EngineOptions } from '../engine-options';
import { logFields } from '../logging/log-fields';
import type { QueueBackend } from '../queue-backend/queue-backend';
import { QUEUE_BACKEND } from '../queue-backend/queue-backend.token';
import { ReplyApplier } from './reply-applier';
import { type ReplyEntry, ReplyStream } from './reply-stream';

/** How long one read waits for a reply before it looks again (and notices a shutdown). */
const READ_BLOCK_MS = 1000;
/** A reply delivered this often and never applied is given up (kept in the dead stream): ~5 minutes at the default retry. */
export const REPLY_MAX_DELIVERIES = 30;
/** Consumers (replicas) silent this long and holding nothing are forgotten. */
const FORGET_CONSUMER_AFTER_MS = 3_600_000;
const TAKE_IDLE_BATCH = 100;
/**
 * A reply that failed to apply here is tried again here after 250 ms, 500 ms, 1 s, 2 s, 4 s (about
 * what BullMQ's back-off gave reply jobs), before the pending list's `replyRetryMs` takes over.
 */
const LOCAL_RETRY_MS = [250, 500, 1000, 2000, 4000];
const SETTLE_ON_SHUTDOWN_MS = 2000;
/** Most applied replies acknowledged (and deleted) in one round trip. */
const SETTLE_BATCH = 1000;

/**
 * Applies the replies workers append to the reply stream (Redis only; docs/worker-protocol.md).
 * One read takes up to `replyConcurrency` replies, which are applied at once (their decisions share
 * group commits); each is acknowledged and deleted once applied, in batches. A reply that cannot be
 * applied now (PostgreSQL away) is tried again here with a back-off ({@link LOCAL_RETRY_MS}) and
 * stays pending meanwhile: after `replyRetryMs` idle any replica takes it, as it takes the replies
 * of a replica that died; after {@link REPLY_MAX_DELIVERIES} deliveries it is given up. A malformed reply is kept in the dead stream; one for an unknown message is dropped.
 */
@Injectable()
export class ReplyStreamConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ReplyStreamConsumer.name);
  private readonly applying = new Map<string, Promise<void>>();
  /** Replies waiting to be tried again here. */
  private readonly retrying = new Map<string, NodeJS.Timeout>();
  private stream: ReplyStream | null = null;
  /** Acknowledges and deletes applied replies: one round trip at a time, taking all that finished meanwhile. */
  private settles: GroupCommit<string, void> | null = null;
  private reading: Promise<void> = Promise.resolve();
  private stopping = false;
  private slotFreed: (() => void) | null = null;
  private readonly upkeep: WorkLoop;

  constructor(
    @Inject(QUEUE_BACKEND) private readonly backend: QueueBackend,
    @Inject(ENGINE_OPTIONS) private readonly options: EngineOptions,
    private readonly applier: ReplyApplier,
  ) {
    this.upkeep = new WorkLoop('reply stream upkeep', () => this.takeIdle(), Math.max(50, options.replyRetryMs / 2), this.logger);
  }

  onApplicationBootstrap(): void {
    if (!this.options.replies || !this.options.replyStream) return;
    const reader = this.backend.newRedisClient();
    const writer = this.backend.newRedisClient();
    if (!reader || !writer) return; // PostgreSQL backend: workers reply with jobs only
    const stream = new ReplyStream(this.backend.prefix, reader, writer, `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`);
    this.stream = stream;
    this.settles = new GroupCommit((ids) => this.settleBatch(stream, ids), (id) => id, { batchSize: SETTLE_BATCH, inFlight: 1 });
    this.reading = this.readLoop(stream);
  }

  async onApplicationShutdown(): Promise<void> {
    const stream = this.stream;
    if (!stream) return;
    this.stopping = true;
    this.slotFreed?.();
    for (const timer of this.retrying.values()) clearTimeout(timer); // left pending: another replica takes them
    this.retrying.clear();
    stream.stopReading();
    await this.upkeep.stop();
    await this.reading;
    await Promise.all(this.applying.values());
    // What is not settled by then (Redis away) is taken again by another replica, harmlessly.
    await Promise.race([this.settles!.drain(), new Promise((resolve) => setTimeout(resolve, SETTLE_ON_SHUTDOWN_MS).unref())]);
    await stream.close();
  }

  private async readLoop(stream: ReplyStream): Promise<void> {
    let groupReady = false;
    let failures = 0;
    while (!this.stopping) {
      try {
        if (!groupReady) {
          await stream.ensureGroup();
          groupReady = true;
          this.upkeep.start();
        }
        await this.freeSlot();
        if (this.stopping) break;
        const entries = await stream.read(this.options.replyConcurrency - this.applying.size, READ_BLOCK_MS);
        for (const entry of entries) this.apply(entry);
        failures = 0;
      } catch (error) {
        if (this.stopping) break;
        const message = error instanceof Error ? error.message : String(error);
        // Redis lost the stream (a flush, a restart without persistence): make the group again.
        if (message.startsWith('NOGROUP')) groupReady = false;
        if (failures++ === 0) this.logger.warn(`could not read the reply stream (retrying): ${message}`);
        await new Promise((resolve) => setTimeout(resolve, Math.min(100 * 2 ** failures, 5000)));
      }
    }
  }

  /** Waits until fewer than `replyConcurrency` replies are being applied. */
  private async freeSlot(): Promise<void> {
    while (!this.stopping && this.applying.size >= this.options.replyConcurrency) {
      await new Promise<void>((resolve) => (this.slotFreed = resolve));
    }
  }

  private apply(entry: ReplyEntry, failures = 0): void {
    if (this.applying.has(entry.id)) return;
    const done = this.applyEntry(entry)
      .then((done) => (done ? this.settle(entry.id) : this.retryHere(entry, failures)))
      .catch((error: unknown) => this.logger.error(`reply stream entry ${entry.id}: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => {
        this.applying.delete(entry.id);
        this.slotFreed?.();
        this.slotFreed = null;
      });
    this.applying.set(entry.id, done);
  }

  /** Tries a reply that failed here again after a back-off, a few times; then the pending list's retry has it. */
  private retryHere(entry: ReplyEntry, failures: number): void {
    const delay = LOCAL_RETRY_MS[failures];
    if (this.stopping || delay === undefined) return;
    const timer = setTimeout(() => {
      this.retrying.delete(entry.id);
      if (!this.stopping) this.apply(entry, failures + 1);
    }, delay);
    this.retrying.set(entry.id, timer);
  }

  /** Applies one entry; true when it is done with (applied, dropped or dead-lettered), false to take it again later. */
  private async applyEntry(entry: ReplyEntry): Promise<boolean> {
    let reply: StepReply;
    try {
      reply = parseStepReply(JSON.parse(entry.reply ?? 'null'));
    } catch (error) {
      const reason = `malformed reply: ${error instanceof Error ? error.message : String(error)}`;
      this.logger.error(`reply stream entry ${entry.id} refused (kept in ${this.stream!.deadKey}): ${reason}`);
      await this.stream!.deadLetter(entry, reason);
      return true; // kept in the dead stream: never to be tried again
    }
    try {
      await this.applier.apply(reply, replyJobId(reply));
      return true;
    } catch (error) {
      const ids = { messageId: reply.messageId, runId: reply.runId, jobId: reply.jobId };
      this.logger.warn(logFields(`could not apply reply ${entry.id} (tried again shortly): ${error instanceof Error ? error.message : String(error)}`, ids));
      return false;
    }
  }

  /** Acknowledges and deletes an entry that is done with, with the others done meanwhile. */
  private settle(id: string): void {
    void this.settles!.submit(id);
  }

  private async settleBatch(stream: ReplyStream, ids: string[]): Promise<void[]> {
    try {
      await stream.settle(ids);
    } catch (error) {
      this.logger.warn(`could not acknowledge ${ids.length} applied replies (they are applied again, harmlessly): ${error instanceof Error ? error.message : String(error)}`);
    }
    return ids.map(() => undefined);
  }

  /** Takes over replies left pending too long (a dead replica's, or ones that failed here); gives up on exhausted ones. */
  private async takeIdle(): Promise<boolean> {
    const stream = this.stream!;
    const { retry, exhausted } = await stream.takeIdle(this.options.replyRetryMs, TAKE_IDLE_BATCH, REPLY_MAX_DELIVERIES, new Set([...this.applying.keys(), ...this.retrying.keys()]));
    for (const entry of exhausted) {
      this.logger.error(`reply stream entry ${entry.id} could not be applied in ${REPLY_MAX_DELIVERIES} deliveries; kept in ${stream.deadKey} (the sweeper records the step from its job)`);
      await stream.deadLetter(entry, `not applied after ${REPLY_MAX_DELIVERIES} deliveries`);
      this.settle(entry.id);
    }
    for (const entry of retry) this.apply(entry);
    if (retry.length + exhausted.length === 0) await stream.forgetIdleConsumers(FORGET_CONSUMER_AFTER_MS);
    return retry.length + exhausted.length === TAKE_IDLE_BATCH;
  }
}
