import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { waitFor } from '../support/wait-for';

export interface WorkerEnv {
  CHAOS_REDIS_URL: string;
  CHAOS_QUEUE_PREFIX: string;
  CHAOS_LEDGER_URL: string;
  CHAOS_LEDGER_SCHEMA: string;
}

/** Runs step-worker-process.ts as a child process, and kills and restarts it on demand. */
export class WorkerSupervisor {
  private child: ChildProcess | null = null;
  private inFlight: string[] = [];
  private output = '';

  constructor(private readonly env: WorkerEnv) {}

  async start(): Promise<void> {
    const child = fork(join(__dirname, 'step-worker-process.ts'), [], {
      execArgv: ['-r', join(__dirname, 'ts-hook.cjs')],
      env: { PATH: process.env.PATH ?? '', ...this.env },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    const keep = (chunk: Buffer) => (this.output = (this.output + chunk.toString()).slice(-4000));
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    let ready = false;
    child.on('message', (m: { inFlight?: string[]; ready?: boolean }) => {
      if (m.ready) ready = true;
      if (m.inFlight) this.inFlight = m.inFlight;
    });
    this.child = child;
    this.inFlight = [];
    await waitFor(async () => {
      if (child.exitCode !== null) throw new Error(`the step worker exited with ${child.exitCode}: ${this.output}`);
      return ready;
    }, 'the step worker process to start', 30_000);
  }

  /**
   * Waits (up to `withinMs`) until a handler is running, SIGKILLs the process and returns the keys
   * that were in flight at that moment (empty if none ran in time: it is killed anyway).
   */
  async killMidStep(withinMs = 15_000): Promise<string[]> {
    const until = Date.now() + withinMs;
    while (this.inFlight.length === 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 5));
    const caught = [...this.inFlight];
    await this.stop('SIGKILL');
    return caught;
  }

  async stop(signal: NodeJS.Signals): Promise<void> {
    const child = this.child;
    this.child = null;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill(signal);
    const late = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await gone;
    clearTimeout(late);
  }

  /** What the worker printed last (for a report when something went wrong). */
  recentOutput(): string {
    return this.output;
  }
}
