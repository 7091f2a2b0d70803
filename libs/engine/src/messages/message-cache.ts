import type { StoredMessage } from './stored-message';

const DEFAULT_CAPACITY = 10_000;

/**
 * The rows this process last wrote, so the next decision on a message in flight skips reading it
 * back. Never trusted blindly: a decision appends at the cached stream version, so if anyone else
 * appended since, the append fails, the entry is dropped and the row is read again. Least recently
 * used entries go first; a terminal message is rarely touched again and is not kept.
 */
export class MessageCache {
  private readonly entries = new Map<string, StoredMessage>();

  constructor(private readonly capacity = DEFAULT_CAPACITY) {}

  get(id: string): StoredMessage | undefined {
    const entry = this.entries.get(id);
    if (entry) {
      this.entries.delete(id);
      this.entries.set(id, entry);
    }
    return entry;
  }

  remember(message: StoredMessage, terminal: boolean): void {
    this.entries.delete(message.id);
    if (terminal) return;
    this.entries.set(message.id, message);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
  }

  forget(id: string): void {
    this.entries.delete(id);
  }
}
