import { REPLY_STREAM_FIELD, replyStreamKey } from '@retrace/domain';
import type { Redis } from 'ioredis';

/** The consumer group every orchestrator replica reads the reply stream in. */
export const REPLY_GROUP = 'retrace';

/** An entry of the reply stream: its id and its `reply` field (JSON), if it has one. */
export interface ReplyEntry {
  id: string;
  reply: string | undefined;
}

/** What the stream still holds for someone else to take: entries idle long enough, by how often they were delivered. */
export interface IdleEntries {
  /** Taken over by this consumer: apply them again. */
  retry: ReplyEntry[];
  /** Delivered `maxDeliveries` times already: give them up. */
  exhausted: ReplyEntry[];
}

/** An entry as Redis answers it; null (or null fields) where it was deleted while pending (Redis < 7). */
type RawEntry = [id: string, fields: string[] | null] | null;

const toEntry = ([id, fields]: [string, string[]]): ReplyEntry => {
  const at = fields.findIndex((value, i) => i % 2 === 0 && value === REPLY_STREAM_FIELD);
  return { id, reply: at >= 0 ? fields[at + 1] : undefined };
};
const entriesOf = (raw: RawEntry[]): ReplyEntry[] => raw.filter((e): e is [string, string[]] => e !== null && e[1] !== null).map(toEntry);

/** How many replies the stream holds: not yet taken (`waiting`), taken and not applied (`active`), given up (`failed`). */
export interface ReplyStreamDepth {
  waiting: number;
  active: number;
  failed: number;
}

/** Reads the reply stream's depth under `prefix` (all zero before any orchestrator made it). */
export async function readReplyStreamDepth(client: Redis, prefix: string): Promise<ReplyStreamDepth> {
  const key = replyStreamKey(prefix);
  const [length, dead, pending] = await Promise.all([
    client.xlen(key),
    client.xlen(`${key}:dead`),
    (client.xpending(key, REPLY_GROUP) as Promise<[number, ...unknown[]]>).then(
      ([count]) => count,
      (error: Error) => (error.message.startsWith('NOGROUP') ? 0 : Promise.reject(error)),
    ),
  ]);
  return { waiting: Math.max(0, length - pending), active: pending, failed: dead };
}

/**
 * The Redis commands behind the reply stream (`<prefix>:retrace.reply-stream`): workers XADD
 * replies; orchestrator replicas read them in one consumer group, so each entry goes to one
 * replica, and delete each entry once applied. An entry whose replica died stays pending until
 * another takes it over ({@link takeIdle}). Reads block, so they get a connection of their own.
 */
export class ReplyStream {
  readonly key: string;
  readonly deadKey: string;

  constructor(
    prefix: string,
    private readonly reader: Redis,
    private readonly writer: Redis,
    readonly consumer: string,
  ) {
    this.key = replyStreamKey(prefix);
    this.deadKey = `${this.key}:dead`;
  }

  /** Creates the group (and the stream) unless it exists; a new group starts at the stream's beginning. */
  async ensureGroup(): Promise<void> {
    try {
      await this.writer.xgroup('CREATE', this.key, REPLY_GROUP, '0', 'MKSTREAM');
    } catch (error) {
      if (!(error instanceof Error && error.message.startsWith('BUSYGROUP'))) throw error;
    }
  }

  /** Up to `count` entries no replica was given yet, waiting up to `blockMs` for the first. */
  async read(count: number, blockMs: number): Promise<ReplyEntry[]> {
    const answer = (await this.reader.xreadgroup(
      'GROUP', REPLY_GROUP, this.consumer, 'COUNT', count, 'BLOCK', blockMs, 'STREAMS', this.key, '>',
    )) as [string, RawEntry[]][] | null;
    return answer ? entriesOf(answer[0][1]) : [];
  }

  /** Acknowledges and deletes applied entries, in one round trip. */
  async settle(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.writer.multi().xack(this.key, REPLY_GROUP, ...ids).xdel(this.key, ...ids).exec();
  }

  /**
   * Takes over up to `count` entries pending longer than `idleMs` (their replica died, or could not
   * apply them), skipping the ones `skip` names (still being applied here).
   */
  async takeIdle(idleMs: number, count: number, maxDeliveries: number, skip: ReadonlySet<string>): Promise<IdleEntries> {
    const pending = (await this.writer.xpending(this.key, REPLY_GROUP, 'IDLE', idleMs, '-', '+', count)) as [string, string, number, number][];
    const wanted = pending.filter(([id]) => !skip.has(id));
    if (wanted.length === 0) return { retry: [], exhausted: [] };
    const given = new Set(wanted.filter(([, , , deliveries]) => deliveries >= maxDeliveries).map(([id]) => id));
    const claimed = entriesOf((await this.writer.xclaim(this.key, REPLY_GROUP, this.consumer, idleMs, ...wanted.map(([id]) => id))) as RawEntry[]);
    return { retry: claimed.filter((e) => !given.has(e.id)), exhausted: claimed.filter((e) => given.has(e.id)) };
  }

  /** Keeps an entry that cannot be applied in `<key>:dead` (the newest 10,000), with the reason; settle it after. */
  async deadLetter(entry: ReplyEntry, reason: string): Promise<void> {
    await this.writer.xadd(this.deadKey, 'MAXLEN', '~', 10_000, '*', 'id', entry.id, REPLY_STREAM_FIELD, entry.reply ?? '', 'reason', reason);
  }

  /** Ends a read in progress (its entries stay pending for another replica) and stops reading. */
  stopReading(): void {
    this.reader.disconnect();
  }

  async close(): Promise<void> {
    this.reader.disconnect();
    await this.writer.quit().catch(() => this.writer.disconnect());
  }

  /** Forgets consumers (dead replicas) idle longer than `idleMs` that hold nothing. */
  async forgetIdleConsumers(idleMs: number): Promise<number> {
    const consumers = (await this.writer.xinfo('CONSUMERS', this.key, REPLY_GROUP)) as (string | number)[][];
    let forgotten = 0;
    for (const fields of consumers) {
      const info = new Map<string, string | number>();
      for (let i = 0; i + 1 < fields.length; i += 2) info.set(String(fields[i]), fields[i + 1]);
      const name = String(info.get('name'));
      if (name === this.consumer || Number(info.get('pending')) > 0 || Number(info.get('idle')) < idleMs) continue;
      await this.writer.xgroup('DELCONSUMER', this.key, REPLY_GROUP, name);
      forgotten++;
    }
    return forgotten;
  }
}
