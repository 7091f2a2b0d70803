import { Injectable } from '@nestjs/common';

/**
 * Wakes this process's relay right after a commit that added outbox rows, so a step job reaches
 * BullMQ without waiting for a poll. Other processes' relays hear of it through the events NOTIFY.
 */
@Injectable()
export class OutboxSignal {
  private readonly listeners = new Set<() => void>();

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  rowsCommitted(): void {
    for (const listener of this.listeners) listener();
  }
}
