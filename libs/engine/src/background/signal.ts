/** A wake-up inside this process: listeners are called synchronously on `emit`. */
export class Signal {
  private readonly listeners = new Set<() => void>();

  /** Returns the unsubscribe. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(): void {
    for (const listener of this.listeners) listener();
  }
}
