import type { Logger } from '@nestjs/common';

/**
 * Runs `tick` again and again: at once while it reports more work, else after `idleMs` or when
 * woken. A failing tick is logged and retried after a back-off; `stop()` waits for the running tick.
 */
export class WorkLoop {
  private running = false;
  private done: Promise<void> = Promise.resolve();
  private wakeUp: (() => void) | null = null;
  private woken = false;

  constructor(
    private readonly name: string,
    private readonly tick: () => Promise<boolean>,
    private readonly idleMs: number,
    private readonly logger: Logger,
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.done = this.run();
  }

  /** Makes an idle loop tick now (e.g. on a NOTIFY). */
  wake(): void {
    this.woken = true;
    this.wakeUp?.();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake();
    await this.done;
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (this.running) {
      this.woken = false;
      let more = false;
      try {
        more = await this.tick();
        failures = 0;
      } catch (error) {
        failures++;
        this.logger.warn(`${this.name} failed (${failures} in a row): ${error instanceof Error ? error.message : String(error)}`);
      }
      if (!this.running) break;
      if (more && failures === 0) continue;
      await this.sleep(failures > 0 ? Math.min(this.idleMs * 2 ** failures, 30_000) : this.idleMs);
    }
  }

  private sleep(ms: number): Promise<void> {
    if (this.woken) return Promise.resolve();
    return new Promise((resolve) => {
      const finish = () => {
        clearTimeout(timer);
        this.wakeUp = null;
        resolve();
      };
      const timer = setTimeout(finish, ms);
      this.wakeUp = finish;
    });
  }
}
