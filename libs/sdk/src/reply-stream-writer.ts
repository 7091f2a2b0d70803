import { REPLY_STREAM_FIELD, replyStreamKey, type StepReply } from '@retrace/domain';
import IORedis, { type Redis, type RedisOptions } from 'ioredis';

/**
 * Appends replies to the orchestrator's reply stream (`<prefix>:<replyStream>`, Redis only): one
 * XADD each, where a reply job costs BullMQ a job's whole life. Connects on first use.
 */
export class ReplyStreamWriter {
  private client: Redis | null = null;

  constructor(
    private readonly connection: RedisOptions & { url?: string },
    private readonly prefix: string,
  ) {}

  async send(stream: string, reply: StepReply): Promise<void> {
    this.client ??= this.connect();
    await this.client.xadd(replyStreamKey(this.prefix, stream), '*', REPLY_STREAM_FIELD, JSON.stringify(reply));
  }

  async close(): Promise<void> {
    const client = this.client;
    this.client = null;
    await client?.quit().catch(() => client.disconnect());
  }

  private connect(): Redis {
    const { url, ...options } = this.connection;
    const client = url ? new IORedis(url, options) : new IORedis(options);
    client.on('error', () => undefined); // a failed XADD fails its attempt, with the reason
    return client;
  }
}
