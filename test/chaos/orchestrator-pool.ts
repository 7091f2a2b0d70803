import { spawnOrchestrator, type OrchestratorProcess } from '../support/orchestrator-process';

/**
 * The orchestrator processes of a chaos run, all on the same database schema and queue prefix.
 * Slot 0 always runs; slot 1 only while two run side by side. The publisher asks for the URLs
 * of the processes that are up right now.
 */
export class OrchestratorPool {
  private readonly slots: (OrchestratorProcess | null)[] = [null, null];
  /** Output of processes that were killed, kept for a report when something went wrong. */
  private readonly pastOutput: string[] = [];

  constructor(
    private readonly main: string,
    private readonly env: Record<string, string>,
    private readonly log: (line: string) => void,
  ) {}

  urls(): string[] {
    return this.slots.filter((p): p is OrchestratorProcess => p !== null).map((p) => p.url);
  }

  running(): number {
    return this.urls().length;
  }

  async start(slot: 0 | 1): Promise<void> {
    if (this.slots[slot]) throw new Error(`orchestrator slot ${slot} is already running`);
    const p = await spawnOrchestrator(this.main, this.env);
    this.slots[slot] = p;
    p.child.once('exit', (code, signal) => {
      if (this.slots[slot] !== p) return; // stopped on purpose
      this.slots[slot] = null;
      const why = `orchestrator slot ${slot} (${p.url}) exited by itself (${signal ?? `code ${code}`})`;
      this.unexpectedExits.push(why);
      this.log(`chaos | ${why}; restarting it as a supervisor would. It printed:\n${p.output().split('\n').slice(-80).join('\n')}`);
      const again = this.restart(slot).finally(() => this.restarting.delete(slot));
      this.restarting.set(slot, again);
    });
  }

  /** Starts `slot` again until it comes up healthy (as a supervisor would), or the pool is stopping. */
  private async restart(slot: 0 | 1): Promise<void> {
    while (!this.stopping) {
      try {
        return await this.start(slot);
      } catch (error) {
        this.log(`chaos | restarting orchestrator slot ${slot} failed, trying again: ${String(error).slice(0, 300)}`);
      }
    }
  }

  private stopping = false;

  /** Until an orchestrator is up (one being restarted counts): its URL. */
  async anyUrl(): Promise<string> {
    for (;;) {
      const [url] = this.urls();
      if (url) return url;
      await Promise.all([...this.restarting.values()]);
      if (this.urls().length === 0 && this.restarting.size === 0) throw new Error('no orchestrator is running and none is being restarted');
    }
  }

  private readonly restarting = new Map<number, Promise<void>>();

  /** Processes that ended without being told to, with what they printed last. */
  readonly unexpectedExits: string[] = [];

  /** Sends `signal` to the process in `slot` (the publisher stops using it first) and waits until it is gone; SIGKILL after 15 s. */
  async kill(slot: 0 | 1, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    await this.restarting.get(slot);
    const p = this.slots[slot];
    this.slots[slot] = null;
    if (!p) return;
    // A process that does not stop in time on a gentle signal is killed: a run must end.
    const late = setTimeout(() => p.child.kill('SIGKILL'), 15_000);
    await p.stop(signal);
    clearTimeout(late);
    this.pastOutput.push(p.output());
  }

  /** The slot a kill should hit: the second process while two run, alternating with the first. */
  victim(kills: number): 0 | 1 {
    return this.slots[1] && kills % 2 === 1 ? 1 : 0;
  }

  async stopAll(): Promise<void> {
    this.stopping = true;
    await Promise.all([this.kill(0, 'SIGTERM'), this.kill(1, 'SIGTERM')]);
  }

  /** The last lines every process printed (warnings and errors only: spawned at log level warn). */
  recentOutput(lines = 40): string {
    const now = this.slots.filter((p): p is OrchestratorProcess => p !== null).map((p) => p.output());
    return [...this.pastOutput, ...now].join('\n').split('\n').slice(-lines).join('\n');
  }
}
